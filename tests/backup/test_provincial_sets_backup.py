"""``ntm backup`` keeps the provinces' activated criteria files and ``ntm restore`` puts them
back: after a round trip the registry reads what the restored database records as active, and
the province's communes are judged by it again."""

from __future__ import annotations

import tarfile
from datetime import date

import pytest

from ntm.cli import main
from ntm.criteria.registry import load_registry
from tests.provincialsets.conftest import OVERRIDE

pytestmark = pytest.mark.django_db(transaction=True)
CODE = "xa-ntm-2021-2025-thanh-hoa"
SECOND = OVERRIDE.replace("xa-ntm-2021-2025-thanh-hoa", "xa-ntm-2021-2025-thanh-hoa-b")


@pytest.fixture
def active_dir(settings, tmp_path):
    settings.PROVINCIAL_SETS_DIR = tmp_path / "active"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PROVINCIAL_SETS_DIR


def _activate(units, personas, text: str, name: str):
    from ntm.provincialsets.services import do_activate_provincial_set, do_upload_provincial_set

    item = do_upload_provincial_set(
        province=units.province,
        file_name=name,
        content=text.encode(),
        user=personas.province_office,
    )
    return do_activate_provincial_set(
        provincial_set=item, user=personas.province_office, effective_from=date(2022, 1, 1)
    )


def test_a_round_trip_gives_back_the_activated_files_and_sets_aside_later_ones(
    units, personas, active_dir, tmp_path, capsys
):
    from ntm.assessments.evaluation import evaluate_unit
    from ntm.provincialsets.models import ProvincialSet
    from ntm.provincialsets.services import do_withdraw_provincial_set

    first = _activate(units, personas, OVERRIDE, "th.yaml")
    written = (active_dir / first.active_file_name).read_text()
    archive = tmp_path / "sao-luu.tar.gz"
    assert main(["backup", str(archive)]) == 0
    assert "1 bộ tiêu chí tỉnh" in capsys.readouterr().out
    with tarfile.open(archive) as tar:
        assert f"criteria-provinces/{first.active_file_name}" in tar.getnames()

    # After the backup: the first set withdrawn, another activated.
    do_withdraw_provincial_set(provincial_set=first, user=personas.province_office)
    later = _activate(units, personas, SECOND, "th-b.yaml")
    assert CODE not in load_registry()

    assert main(["restore", str(archive), "--force"]) == 0
    assert "1 bộ tiêu chí tỉnh" in capsys.readouterr().out

    assert (active_dir / first.active_file_name).read_text() == written
    assert not (active_dir / later.active_file_name).exists()
    assert (active_dir / f"{later.active_file_name}.truoc-khoi-phuc").exists()
    assert ProvincialSet.objects.get(code=CODE).status == "active"
    assert not ProvincialSet.objects.filter(code=f"{CODE}-b").exists()
    registry = load_registry()
    assert CODE in registry and f"{CODE}-b" not in registry
    assert evaluate_unit(units.commune, "xa-ntm-2021-2025", "2023").set_code == CODE


def test_a_backup_made_before_the_folder_was_kept_leaves_it_alone(
    units, personas, active_dir, tmp_path
):
    import io
    import json

    archive = tmp_path / "b.tar.gz"
    assert main(["backup", str(archive)]) == 0
    old = tmp_path / "old.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(old, "w:gz") as dst:
        for member in src:
            content = src.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(content)
                del manifest["provincial_sets"]
                content = json.dumps(manifest).encode()
                member.size = len(content)
            dst.addfile(member, io.BytesIO(content))
    item = _activate(units, personas, OVERRIDE, "th.yaml")

    assert main(["restore", str(old), "--force"]) == 0

    assert (active_dir / item.active_file_name).exists()
