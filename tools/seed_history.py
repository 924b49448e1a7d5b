"""Fill a SHELTERAPP_HOME's alert history with 30 made-up days of Kyiv alerts (mostly at night, 15 min to 4 h), a
few alerts next to the city and advisories, for screenshots of the Alert history tab and trials of the export.
The same seed gives the same days (relative to today). Never run it on a real home: it adds rows.

    python tools/seed_history.py HOME [--days 30] [--seed 16]
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.nearby import NearbyEpisode
from shelterapp.alerting.record_stats import KYIV
from shelterapp.alerting.tracker import Episode
from shelterapp.sources.base import Level, Threat

NIGHT_HOURS = [0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 22, 23]  # drones and missiles come mostly at night
DAY_HOURS = [7, 9, 11, 13, 14, 16, 18, 20]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    chance = random.Random(args.seed)
    path = args.home / "data" / "history.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    store = HistoryStore.open(path)
    today = datetime.now(KYIV).replace(hour=0, minute=0, second=0, microsecond=0)
    now = datetime.now(UTC)
    count = 0
    for back in range(args.days, -1, -1):
        day = today - timedelta(days=back)
        for _ in range(chance.choice([0, 1, 1, 1, 2, 2, 3])):
            hour = chance.choice(NIGHT_HOURS if chance.random() < 0.7 else DAY_HOURS)
            started = (day + timedelta(hours=hour, minutes=chance.randrange(60))).astimezone(UTC)
            ended = started + timedelta(minutes=chance.choice([15, 25, 40, 60, 90, 120, 180, 240]))
            if ended >= now:
                continue
            threats = (Threat.AIR_RAID,) if chance.random() < 0.9 else (Threat.AIR_RAID, Threat.OTHER)
            episode = Episode(started, ("31",), threats, Level.RED, ("siren_pp_ua",), ended)
            store.save_episode(episode)
            store.record.note_learnt(episode.key, started + timedelta(seconds=chance.randrange(4, 40)),
                                     ended + timedelta(seconds=chance.randrange(20, 60)))  # fmt: skip
            count += 1
            if chance.random() < 0.3:  # Brovary or Boryspil went red first: a quiet notice
                region = chance.choice(["79", "78", "75"])
                early = started - timedelta(minutes=chance.randrange(5, 30))
                nearby = NearbyEpisode(f"{region}@{early.isoformat()}#seed", region, early, early, (Threat.AIR_RAID,),
                                       Level.YELLOW, ("siren_pp_ua",), ended, ended, notified=True)  # fmt: skip
                store.record.save_nearby(nearby)
    store.close()
    print(f"{path}: {count} alerts over {args.days} days")


if __name__ == "__main__":
    main()
