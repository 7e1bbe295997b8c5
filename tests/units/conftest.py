"""The national units, loaded once per test module that asks for them (a few seconds)."""

import pytest


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    """Every unit of both eras and the lineage, committed for the module, removed after it.

    Removed with plain DELETEs: the ORM's cascade collection over 14,000 units takes seconds,
    and the module's own tests roll back whatever they added.
    """
    from django.db import connection

    from ntm.units.models import AdminUnit, UnitBoundary, UnitLineage
    from ntm.units.services import load_units

    with django_db_blocker.unblock():
        counts = load_units()
    yield counts
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        for model in (UnitBoundary, UnitLineage, AdminUnit):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
