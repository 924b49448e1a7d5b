"""shelterapp-cli update against local servers: the JSON contract, exit codes, and 'a failure keeps the old list'."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import write_config
from test_cli import run

SHELTERS = Path(__file__).resolve().parents[1] / "fixtures" / "shelters"
OUTCOME_FIELDS = {
    "source", "ok", "rows", "rejected", "unpositioned", "attribution", "licence", "url", "updated", "error",
    "reasons", "failure",
}  # fmt: skip


def serve(httpserver, path: str, name: str) -> str:
    httpserver.expect_request(path).respond_with_data((SHELTERS / name).read_bytes(), content_type="application/json")
    return httpserver.url_for(path)


def test_update_json_fields_for_every_enabled_list(capsys, httpserver, app_home):
    write_config(
        app_home,
        {
            "kyiv_opendata": {"url": serve(httpserver, "/layer", "kyiv_layer_small.geojson")},
            "osm": {"url": serve(httpserver, "/api/interpreter", "osm_small.json")},
        },
    )
    code, out, _ = run(capsys, "update", "--json")
    assert code == 0
    report = json.loads(out)
    assert [s["source"] for s in report["sources"]] == ["kyiv_opendata", "osm"]
    official, osm = report["sources"]
    assert set(official) == OUTCOME_FIELDS
    assert official["ok"] is True and official["error"] is None and official["failure"] is None
    assert (official["rows"], official["rejected"], official["unpositioned"]) == (5, 2, 0)
    assert official["licence"] == "CC BY 4.0" and official["attribution"].startswith("Дані: Київська")
    assert official["url"] == httpserver.url_for("/layer") and official["updated"]
    assert osm["ok"] is True and osm["licence"] == "ODbL 1.0" and osm["rows"] == 8
    assert report["config_problems"] == []

    code, out, _ = run(capsys, "info", "--json")
    sources = {s["source"]: s for s in json.loads(out)["sources"]}
    assert sources["kyiv-opendata"]["licence"] == "CC BY 4.0" and sources["kyiv-opendata"]["rows"] == 5
    assert sources["osm"]["licence"] == "ODbL 1.0" and sources["bundled"]["licence"] == ""


def test_source_option_updates_that_list_only_even_when_disabled(capsys, httpserver, app_home):
    osm = serve(httpserver, "/api/interpreter", "osm_small.json")
    write_config(app_home, {"osm": {"url": osm, "enabled": False}})  # off for the automatic refresh
    code, out, _ = run(capsys, "update", "--source", "osm", "--json")
    assert code == 0
    assert [s["source"] for s in json.loads(out)["sources"]] == ["osm"]
    assert [request.path for request, _ in httpserver.log] == ["/api/interpreter"]
    code, out, _ = run(capsys, "update", "--json")  # without --source a disabled list is left alone
    assert code == 0 and json.loads(out)["sources"] == [] and len(httpserver.log) == 1


def test_a_failed_list_exits_1_and_keeps_the_previous_data(capsys, httpserver, app_home):
    good = serve(httpserver, "/layer", "kyiv_layer_small.geojson")
    write_config(app_home, {"kyiv_opendata": {"url": good}})
    assert run(capsys, "update")[0] == 0
    httpserver.clear()
    httpserver.expect_request("/layer").respond_with_data("down", status=502)
    code, out, _ = run(capsys, "update", "--json")
    (outcome,) = json.loads(out)["sources"]
    assert code == 1 and outcome["ok"] is False and outcome["failure"] == "server_error" and "502" in outcome["error"]
    code, out, _ = run(capsys, "info", "--json")
    assert {s["source"]: s["rows"] for s in json.loads(out)["sources"]}["kyiv-opendata"] == 5

    code, out, _ = run(capsys, "update")
    assert code == 1 and out.startswith("kyiv_opendata: not updated (") and "previous data stays" in out


def test_plain_output_is_one_line_per_list_with_attribution(capsys, httpserver, app_home):
    write_config(app_home, {"kyiv_opendata": {"url": serve(httpserver, "/layer", "kyiv_layer_small.geojson")}})
    code, out, _ = run(capsys, "update")
    host = httpserver.url_for("/").split("/")[2]
    assert code == 0
    assert out.strip() == (
        f"kyiv_opendata: 5 shelters (2 rejected, 0 without position) from {host}"
        " — Дані: Київська міська державна адміністрація, CC BY 4.0"
    )


def test_nothing_enabled_means_nothing_fetched(capsys, httpserver):
    # the tests' default config.toml disables every source: no request may leave the machine
    code, out, _ = run(capsys, "update", "--json")
    assert code == 0 and json.loads(out)["sources"] == []
    assert httpserver.log == []


def test_unknown_source_is_bad_usage(capsys):
    code, out, err = run(capsys, "update", "--source", "dsns")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("shelterapp-cli: error:") and "dsns" in err


def test_a_poisoned_list_is_refused_with_its_failure_code(capsys, httpserver, app_home):
    from helpers import city_layer

    httpserver.expect_request("/layer").respond_with_data(city_layer(80), content_type="application/json")
    write_config(app_home, {"kyiv_opendata": {"url": httpserver.url_for("/layer")}})
    assert run(capsys, "update")[0] == 0
    httpserver.clear()
    poisoned = city_layer(80, one_point=True)  # every shelter on one point: each row alone is "inside Kyiv"
    httpserver.expect_request("/layer").respond_with_data(poisoned, content_type="application/json")
    code, out, _ = run(capsys, "update", "--json")
    (outcome,) = json.loads(out)["sources"]
    assert code == 1 and outcome["ok"] is False and outcome["failure"] == "duplicate_points"
    assert outcome["error"].count("\n") == 0 and "80" in outcome["error"]
    code, out, _ = run(capsys, "info", "--json")
    assert {s["source"]: s["rows"] for s in json.loads(out)["sources"]}["kyiv-opendata"] == 80


def test_a_hand_import_of_a_poisoned_file_is_refused_unless_forced(capsys, tmp_path):
    from helpers import city_layer

    poisoned = tmp_path / "poisoned.geojson"
    poisoned.write_bytes(city_layer(80, one_point=True))
    code, out, err = run(capsys, "import", str(poisoned), "--json")
    assert code == 1 and out == "" and "repeat a position" in err and "--force" in err and "previous data" in err
    code, out, _ = run(capsys, "info", "--json")
    assert "geojson" not in {s["source"] for s in json.loads(out)["sources"]}
    code, out, _ = run(capsys, "import", str(poisoned), "--json", "--force")  # the person knows better
    assert code == 0 and json.loads(out)["accepted"] == 80


def test_a_hand_import_sets_the_reference_size_for_later_updates(capsys, httpserver, app_home, tmp_path):
    # the way out when the city's list really shrank: import the official file by hand (no shrink check for a
    # file a person chose); it becomes the reference the next update is compared with
    from helpers import official_csv

    write_config(app_home, {"kyiv_opendata": {"url": httpserver.url_for("/list.csv")}})
    httpserver.expect_request("/list.csv").respond_with_data(official_csv(100), content_type="text/csv")
    assert run(capsys, "update")[0] == 0
    httpserver.clear()
    httpserver.expect_request("/list.csv").respond_with_data(official_csv(40), content_type="text/csv")
    code, out, _ = run(capsys, "update", "--json")
    assert code == 1 and json.loads(out)["sources"][0]["failure"] == "shrank"  # 40 where 100 were
    smaller = tmp_path / "official.csv"
    smaller.write_bytes(official_csv(40))
    code, out, _ = run(capsys, "import", str(smaller), "--json")
    assert code == 0 and json.loads(out)["source"] == "kyiv-opendata"
    code, out, _ = run(capsys, "update", "--json")
    assert code == 0 and json.loads(out)["sources"][0]["rows"] == 40
