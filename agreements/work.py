"""The Agreement's part of a person's work (partnership.work): signatures awaited from them, drafts open for comment.

Registered in AgreementsConfig.ready(). Each provider asks the app's own
policies and signing rules who the work is for, in the same few queries
whatever the number of organisations or versions.
"""

from django.urls import reverse
from django.utils import timezone

from agreements import signing
from agreements.models import Signature
from agreements.policies import versions_commentable_by, versions_signable_by
from partnership.dates import british_date
from partnership.work import WorkDetail, WorkItem, counted


def _version_name(version) -> str:
    return f"{version.agreement.title}, “{version.label}”"


def signatures_awaited(user) -> list[WorkItem]:
    """Each organisation the user is an authorised signatory for, asked to sign a version in force it has not signed.

    What `signing.organisations_to_sign_for` answers for each version `versions_signable_by` gives, read for every
    version at once: the user's organisations asked to sign, and which of them have signed which version.
    """
    on = timezone.localdate()
    organisations = list(signing.asked_to_sign(on).filter(signatories__in=signing.designations_of(user, on)).distinct())
    if not organisations:
        return []
    versions = list(versions_signable_by(user).select_related("agreement").order_by("agreement__title", "pk"))
    signed = set(
        Signature.objects.filter(version__in=versions, organisation__in=organisations).values_list(
            "version_id", "organisation_id"
        )
    )
    details = tuple(
        WorkDetail(
            text=f"For {organisation.name}: {_version_name(version)}",
            url=reverse("agreement_sign", args=[version.pk]) + f"?for={organisation.pk}",
        )
        for version in versions
        for organisation in organisations
        if (version.pk, organisation.pk) not in signed
    )
    return [
        WorkItem(
            key="agreements.signatures",
            label="The Agreement to sign for your organisation",
            count=len(details),
            url=details[0].url if details else reverse("agreement"),
            count_text=counted(len(details), "signature") + " awaited from you",
            link_text="Sign the Agreement",
            hint="Each partner organisation signs the version in force (Agreement 24)." if details else "",
            details=details,
        )
    ]


def drafts_open_for_comment(user) -> list[WorkItem]:
    """Drafts out for consultation that the user, a partner, may comment on until their closing date.

    No entry when there is none: whether the user is a partner is asked by `versions_commentable_by` itself.
    """
    versions = list(versions_commentable_by(user).select_related("agreement").order_by("consultation_closes_on", "pk"))
    if not versions:
        return []
    details = tuple(
        WorkDetail(
            text=_version_name(version),
            url=version.get_absolute_url(),
            status=f"Comments close on {british_date(version.consultation_closes_on)}",
        )
        for version in versions
    )
    return [
        WorkItem(
            key="agreements.comments",
            label="Drafts of the Agreement open for your comments",
            count=len(details),
            url=details[0].url,
            count_text=counted(len(details), "draft") + " open for comment",
            link_text="Read the draft and comment" if len(details) == 1 else "Read the drafts and comment",
            details=details,
        )
    ]
