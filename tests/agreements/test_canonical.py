"""The canonical text of a version, and its SHA-256: the same for every render, different for any change."""

import hashlib

from agreements.actions import drafting as actions
from agreements.canonical import canonical_text, current_hash, fingerprint
from agreements.models import Clause
from tests.agreements.factories import SMALL, VersionFactory, adopted_version, build

EXPECTED = """Agreement and Protocols

Draft 1

1 Introduction
The partners agree to work together.

2 Meetings

2.1
Papers go out a week before the meeting.

2.2
Members declare their interests.

3 Review
The Agreement is reviewed every year.
"""


def test_the_canonical_text_is_the_numbers_headings_and_text_in_order(db):
    version = VersionFactory(label="Draft 1")
    build(version, SMALL)

    assert canonical_text(version) == EXPECTED


def test_the_canonical_text_normalises_white_space_and_lists(db):
    version = VersionFactory(label="  Draft   1 ")
    build(version, [("1", " Introduction  ", "The partners\n  agree.\n\n\n-   one\n   - one point one\n- two")])

    assert (
        canonical_text(version).split("\n\n", 2)[2]
        == "1 Introduction\nThe partners agree.\n- one\n  - one point one\n- two\n"
    )


def test_the_hash_is_stable_across_renders_and_is_the_sha256_of_the_text(db):
    version = VersionFactory()
    build(version, SMALL)

    first, second = current_hash(version), current_hash(version)

    assert first == second == hashlib.sha256(canonical_text(version).encode("utf-8")).hexdigest()


def test_the_hash_changes_when_a_word_changes(cast, db):
    version = VersionFactory()
    build(version, SMALL)
    before = current_hash(version)
    clause = Clause.objects.get(version=version, number="2.1")

    actions.edit_clause(clause, by=cast.secretariat, heading="", text="Papers go out ten days before the meeting.")

    assert current_hash(version) != before


def test_the_hash_is_stored_on_adoption_and_matches_the_text(cast):
    version = adopted_version(cast)

    assert version.sha256 == current_hash(version) == fingerprint(version)
    assert len(version.sha256) == 64


def test_a_drafts_fingerprint_is_computed_live(cast, db):
    version = VersionFactory()
    build(version, SMALL)
    before = fingerprint(version)
    actions.add_clause(version, by=cast.secretariat, heading="Signatures", text="")

    assert (version.sha256, fingerprint(version) != before) == ("", True)
