"""Every agreements test stores renditions in a folder of its own and seals with the development seal."""

import pytest


@pytest.fixture(autouse=True)
def _rendition_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AGREEMENT_SEAL_CERT_FILE = ""
    settings.AGREEMENT_SEAL_KEY_FILE = ""
