"""The read-only public API under /api/ (included by config/urls.py). Every list is a public page (kept by the
public cache, answered 304 while unchanged); the schema and the page that documents it likewise."""

from django.urls import path
from django.views.decorators.http import require_safe

from api import docs, views
from partnership.public_cache import public_page


def _list(view):
    return public_page(view.as_view())


urlpatterns = [
    path("", docs.index, name="api_index"),
    path("schema/", docs.schema_json, name="api_schema"),
    path("organisations/", _list(views.OrganisationList), name="api_organisations"),
    path("people/", _list(views.PersonList), name="api_people"),
    path("bodies/", _list(views.BodyList), name="api_bodies"),
    path("memberships/", _list(views.MembershipList), name="api_memberships"),
    path("meetings/", _list(views.MeetingList), name="api_meetings"),
    path("agenda-items/", _list(views.AgendaItemList), name="api_agenda_items"),
    path("papers/", _list(views.PaperList), name="api_papers"),
    path("decisions/", _list(views.DecisionList), name="api_decisions"),
    path("decisions.csv", public_page(require_safe(views.decisions_csv)), name="api_decisions_csv"),
    path("registers/interests/", _list(views.InterestList), name="api_interests"),
    path("registers/interests.csv", public_page(require_safe(views.interests_csv)), name="api_interests_csv"),
    path("registers/gifts/", _list(views.GiftList), name="api_gifts"),
    path("registers/gifts.csv", public_page(require_safe(views.gifts_csv)), name="api_gifts_csv"),
    path("agreement/versions/", _list(views.AgreementVersionList), name="api_agreement_versions"),
]
