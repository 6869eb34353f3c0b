"""Actions on the base records: organisations and people, inviting a person, and a member's stated gender.

Each is one durable transaction with a keyword-only actor (partnership.transactions).
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partnership.audit import stamped_save, validated_save
from partnership.models import Gender, Organisation, Person, StatedGender, User

_SALT = "partnership.invitation"


def invitation_token(person: Person) -> str:
    # The send time is in the token, so a fresh invitation makes older links useless.
    return signing.dumps({"p": person.pk, "e": person.email, "t": person.invited_at.isoformat()}, salt=_SALT)


def person_for_invitation(token: str) -> Person | None:
    """The person a still-valid, unused invitation is for, or None."""
    max_age = settings.INVITATION_MAX_AGE_DAYS * 24 * 60 * 60
    try:
        data = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    person = Person.objects.filter(pk=data.get("p"), user__isnull=True).first()
    if person is None or person.email != data.get("e") or not person.invited_at:
        return None
    if person.invited_at.isoformat() != data.get("t"):
        return None
    return person


@transaction.atomic(durable=True)
def save_organisation(organisation: Organisation, *, by: User) -> Organisation:
    """Add a partner organisation or save its edited details; its withdrawal is bodies.actions.organisations'."""
    return validated_save(organisation, by)


@transaction.atomic(durable=True)
def save_person(person: Person, *, by: User) -> Person:
    """Add a person to the records or save their edited details; an account comes by invitation."""
    return validated_save(person, by)


@transaction.atomic(durable=True)
def invite_person(person: Person, *, by: User):
    """Email the person a link to create their account."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id:
        raise ValidationError(f"{person} already has an account.")
    if not person.email:
        raise ValidationError({"email": f"Add an email address for {person} before inviting them."})
    if User.objects.filter(email__iexact=person.email).exists():
        raise ValidationError({"email": "An account already uses this email address."})
    person.invited_at = timezone.now()
    stamped_save(person, by, update_fields=["invited_at"])
    link = settings.SITE_URL.rstrip("/") + reverse("accept_invitation", args=[invitation_token(person)])
    context = {
        "person": person,
        "link": link,
        "by": by,
        "days": settings.INVITATION_MAX_AGE_DAYS,
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
    }
    subject = f"Your account with {settings.PARTNERSHIP_NAME}"
    body = render_to_string("registration/invitation_email.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [person.email]))
    return person


@transaction.atomic(durable=True)
def accept_invitation(person: Person, *, password: str) -> User:
    """Create the person's account from their invitation."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id:
        raise ValidationError("This invitation has already been used.")
    user = User.objects.create_user(person.email, password)
    person.user = user
    stamped_save(person, user, update_fields=["user"])
    return user


@transaction.atomic(durable=True)
def state_gender(person: Person, *, by: User, gender: str) -> StatedGender | None:
    """Record, change or withdraw a member's own statement of their gender; only they may.

    An empty `gender` (they prefer not to say) removes any earlier answer, leaving nothing kept.
    """
    if by.pk is None or person.user_id != by.pk:
        raise PermissionDenied("Only the member themselves can state their gender.")
    if not gender:
        StatedGender.objects.filter(person=person).delete()
        return None
    if gender not in Gender.values:
        raise ValidationError({"gender": "Choose one of the answers, or prefer not to say."})
    stated = StatedGender.objects.filter(person=person).first() or StatedGender(person=person)
    stated.gender = gender
    stated.stated_at = timezone.now()
    stated.full_clean()
    stated.save()
    return stated
