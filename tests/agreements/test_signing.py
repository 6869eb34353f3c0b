"""Authorised signatories sign the version in force for their organisation: once, and for that version only."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from agreements import signing
from agreements.actions import drafting as actions
from agreements.actions import signing as actions_signing
from agreements.models import (
    Signature,
    SigningEvent,
    SigningEventKind,
    VersionStatus,
)
from agreements.policies import can_sign, versions_signable_by
from partnership.append_only import AppendOnly
from partnership.models import Withdrawal
from tests.agreements.factories import DEMO_AGENT, DEMO_IP, board_meeting, designate, sign
from tests.factories import OrganisationFactory


def kinds(user):
    return list(SigningEvent.objects.filter(user=user).order_by("pk").values_list("kind", flat=True))


def test_a_signatory_signs_the_version_in_force_with_everything_recorded(cast, setting):
    version, police, fire = setting

    signature = sign(version, cast.member, police)

    assert signature.version == version
    assert signature.organisation == police
    assert signature.person == cast.member.person
    assert signature.user == cast.member
    assert signature.content_sha256 == version.sha256
    assert signature.ip_address == DEMO_IP
    assert signature.user_agent == DEMO_AGENT
    assert signature.consent_text == signing.consent_text(version, police)
    assert version.sha256 in signature.consent_text
    assert kinds(cast.member) == [SigningEventKind.SIGNED]
    assert signing.outstanding(version) == [fire]


def test_every_current_partner_is_asked_and_a_withdrawn_one_is_not(cast, setting):
    version, police, fire = setting
    Withdrawal.objects.create(
        organisation=fire,
        notice_received_on=datetime.date(2010, 1, 4),
        effective_on=datetime.date(2030, 3, 31),
        notice="We withdraw.",
        funding_arrangements="Funding continues to March.",
        recorded_by=cast.secretariat,
    )

    assert signing.outstanding(version) == [police]
    board = signing.dashboard(version)
    assert [p.organisation for p in board.outstanding] == [police]
    assert [(p.organisation, p.withdrawal.notice_received_on) for p in board.withdrawn] == [
        (fire, datetime.date(2010, 1, 4))
    ]


def test_signatories_of_lists_the_current_signatories_only(cast, setting):
    version, police, fire = setting
    ended = designate(cast, cast.stranger, police)
    actions_signing.end_signatory(ended, by=cast.secretariat, end=datetime.date(2010, 1, 1))

    assert signing.signatories_of(police) == [cast.member.person]
    assert signing.signatories_of(police, on=datetime.date(2009, 6, 1)) == [cast.member.person, cast.stranger.person]
    assert signing.signatories_of(fire) == []


def test_a_signature_does_not_carry_to_a_new_version(cast, setting):
    version, police, fire = setting
    sign(version, cast.member, police)
    revision = actions.start_draft(version.agreement, by=cast.secretariat, label="Revised 2011")
    meeting, decision = board_meeting(cast.board, datetime.date(2011, 2, 24))
    actions.adopt_version(
        revision, by=cast.secretariat, meeting=meeting, decision=decision, takes_effect=datetime.date(2011, 3, 1)
    )
    version.refresh_from_db()

    assert version.status == VersionStatus.SUPERSEDED
    assert Signature.objects.filter(version=revision).count() == 0
    assert signing.outstanding(revision) == [fire, police]
    assert list(signing.organisations_to_sign_for(cast.member, revision)) == [police]
    # The superseded version can no longer be signed, and the new one needs its own signature.
    with pytest.raises(ValidationError, match="not the version in force"):
        sign(version, cast.member, police)
    second = sign(revision, cast.member, police)
    assert second.content_sha256 == revision.sha256 != version.sha256


def test_a_wrong_password_is_refused_and_audited(cast, setting):
    version, police, _ = setting

    with pytest.raises(ValidationError) as refused:
        sign(version, cast.member, police, password="not-my-password")

    assert refused.value.message_dict == {
        "password": ["The password is not right. Enter the password you sign in with."]
    }
    assert Signature.objects.count() == 0
    event = SigningEvent.objects.get(user=cast.member)
    assert (event.kind, event.version, event.organisation, event.ip_address) == (
        SigningEventKind.REAUTH_REFUSED,
        version,
        police,
        DEMO_IP,
    )


def test_five_wrong_passwords_stop_further_attempts_for_an_hour(cast, setting):
    version, police, _ = setting
    for _ in range(5):
        with pytest.raises(ValidationError):
            sign(version, cast.member, police, password="wrong")

    with pytest.raises(ValidationError, match="too many times"):
        sign(version, cast.member, police)

    assert kinds(cast.member) == [SigningEventKind.REAUTH_REFUSED] * 5 + [SigningEventKind.REAUTH_THROTTLED]
    assert Signature.objects.count() == 0


def test_signing_twice_is_refused(cast, setting):
    version, police, _ = setting
    sign(version, cast.member, police)

    with pytest.raises(ValidationError, match="already signed"):
        sign(version, cast.member, police)

    assert Signature.objects.filter(version=version, organisation=police).count() == 1
    assert kinds(cast.member) == [SigningEventKind.SIGNED, SigningEventKind.REFUSED]


def test_someone_who_is_not_a_signatory_for_the_organisation_cannot_sign_for_it(cast, setting):
    version, police, fire = setting

    with pytest.raises(ValidationError, match="not an authorised signatory for Cheshire Fire Authority"):
        sign(version, cast.member, fire)
    with pytest.raises(ValidationError, match="not an authorised signatory"):
        sign(version, cast.stranger, police)

    assert Signature.objects.count() == 0
    assert kinds(cast.stranger) == [SigningEventKind.REFUSED]


def test_an_ended_signatory_cannot_sign(cast, setting):
    version, police, _ = setting
    designation = cast.member.person.signatory_designations.get()
    actions_signing.end_signatory(designation, by=cast.secretariat, end=datetime.date(2010, 1, 1))

    with pytest.raises(ValidationError, match="not an authorised signatory"):
        sign(version, cast.member, police)


def test_the_text_read_must_be_the_adopted_text(cast, setting):
    version, police, _ = setting

    with pytest.raises(ValidationError, match="not the adopted text"):
        actions_signing.sign_version(
            version,
            by=cast.member,
            organisation=police,
            password="correct-horse-battery",
            consented=True,
            read_sha256="0" * 64,
            ip_address=None,
            user_agent="",
        )


def test_a_signatory_needs_a_login(cast):
    from tests.factories import PersonFactory

    no_login = PersonFactory(name="Nora Nolan")
    with pytest.raises(ValidationError, match="needs a login"):
        actions_signing.designate_signatory(
            by=cast.secretariat, organisation=OrganisationFactory(), person=no_login, start=datetime.date(2009, 1, 1)
        )


def test_signatures_and_the_log_are_append_only(cast, setting):
    version, police, _ = setting
    signature = sign(version, cast.member, police)
    event = SigningEvent.objects.get(kind=SigningEventKind.SIGNED)

    signature.user_agent = "changed"
    with pytest.raises(AppendOnly):
        signature.save()
    with pytest.raises(AppendOnly):
        signature.delete()
    with pytest.raises(AppendOnly):
        Signature.objects.filter(pk=signature.pk).update(user_agent="changed")
    with pytest.raises(AppendOnly):
        Signature.objects.all().delete()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        SigningEvent.objects.update(detail="changed")

    signature.refresh_from_db()
    assert signature.user_agent == DEMO_AGENT
    assert SigningEvent.objects.get(pk=event.pk).detail == event.detail


def test_can_sign_and_its_queryset_twin_agree(cast, setting):
    version, police, _ = setting
    for who in ("secretariat", "chair", "member", "other_member", "stranger", "anonymous"):
        user = getattr(cast, who)
        expected = who == "member"
        assert can_sign(user, version) is expected, who
        assert (version in versions_signable_by(user)) is expected, who
    sign(version, cast.member, police)
    assert can_sign(cast.member, version) is False
    assert list(versions_signable_by(cast.member)) == []
