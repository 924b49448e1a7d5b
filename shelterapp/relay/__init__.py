"""The organisation relay (issue #15): polls the feeds once for everyone and publishes to an MQTT broker. No Qt."""
