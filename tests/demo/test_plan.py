"""Values derived from the criteria files: relative to each commune's thresholds, deterministic."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from ntm.criteria.engine import Evaluator
from ntm.criteria.inputs import Observation, Period, UnitProfile
from ntm.criteria.registry import load_registry
from ntm.demo.scenario import NTM
from ntm.demo.values import failing_value, passing_value

PLAIN = UnitProfile(code="1", region="BTB")
MOUNTAIN = UnitProfile(code="2", region="BTB", extremely_difficult=True)


def verdict(profile: UnitProfile, code: str, value) -> str:
    registry = load_registry()
    result = Evaluator(registry.get(NTM), registry).evaluate(
        profile, {code: [Observation(Period.parse("2023"), value)]}, "2023"
    )
    return next(i.status for i in result.indicators if i.code == code)


def test_every_indicator_gets_a_passing_and_a_failing_value_the_engine_agrees_with():
    registry = load_registry()
    for indicator in registry.get(NTM).indicators:
        for profile in (PLAIN, MOUNTAIN):
            assert (
                verdict(profile, indicator.code, passing_value(indicator, profile, registry))
                == "met"
            ), indicator.code
            assert (
                verdict(profile, indicator.code, failing_value(indicator, profile, registry))
                == "unmet"
            ), indicator.code


def test_an_extremely_difficult_commune_gets_values_against_the_mountain_thresholds():
    registry = load_registry()
    water = registry.get(NTM).indicator("17.2")  # centralised water: 15% in TDMNPB, 20% elsewhere
    assert passing_value(water, MOUNTAIN, registry) < passing_value(water, PLAIN, registry)
    assert verdict(PLAIN, "17.2", passing_value(water, MOUNTAIN, registry)) == "unmet"


PLAN_DIGEST = """
import hashlib
from ntm.criteria.inputs import UnitProfile
from ntm.criteria.registry import load_registry
from ntm.demo.csvfile import demo_csv
from ntm.demo.plan import plan_district
from ntm.demo.scenario import tho_xuan
registry = load_registry()
profiles = {
    n: UnitProfile(code=str(i), name=n, region="BTB") for i, n in enumerate(tho_xuan.COMMUNES)
}
values, _ = plan_district(tho_xuan.DISTRICT, profiles, registry)
print(hashlib.sha256(demo_csv(values, registry).encode()).hexdigest())
"""


def test_the_plan_is_the_same_in_every_process():
    """Running ``ntm demo`` again must not rewrite values: no set or hash order may leak in."""
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", PLAN_DIGEST], env=env, capture_output=True, text=True, check=True
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    assert hashlib.sha256(b"").hexdigest() not in digests
