"""The national units, loaded once per test module that asks for them (about 2 s)."""

import pytest


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    """Every unit of both eras and the lineage, committed for the module, removed after it."""
    from ntm.units.models import AdminUnit, UnitLineage
    from ntm.units.services import load_units

    with django_db_blocker.unblock():
        counts = load_units()
    yield counts
    with django_db_blocker.unblock():
        UnitLineage.objects.all().delete()
        AdminUnit.objects.all().delete()
