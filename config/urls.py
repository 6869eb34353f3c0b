"""The URLs of the whole site. Every pattern here is in the permission matrix test."""

from django.contrib import admin
from django.urls import include, path

from bodies.urls import manage_patterns
from config import views
from partnership.urls import session_patterns

urlpatterns = [
    path("", include("bodies.urls")),
    path("accounts/", include("partnership.urls")),
    # A person's second factor: an authenticator app and recovery codes (partnership.mfa).
    path("account/security/", include("partnership.security_urls")),
    # A person's signed-in sessions, to sign out one or all of them.
    path("account/sessions/", include(session_patterns)),
    # Meetings: the calendar, agendas and papers, attendance and minutes.
    path("", include("meetings.urls")),
    # Declarations: the registers of interests and of gifts, rulings and disputes.
    path("", include("declarations.urls")),
    path("", include("agreements.urls")),
    # The risk register (issue 17): signed-in people only.
    path("", include("risks.urls")),
    # Performance management: indicators, values against targets, exceptions and the annual report.
    path("", include("performance.urls")),
    # Search: one box over everything published, and what each reader may see.
    path("", include("search.urls")),
    # Notifications: a person's list and choices, unsubscribing, the outbox.
    path("", include("notifications.urls")),
    # Following a body by email: asking, confirming, unsubscribing with one click.
    path("", include("following.urls")),
    # The read-only public API (issue 16): the public data as JSON, its OpenAPI schema and its page.
    path("api/", include("api.urls")),
    path("manage/", include((manage_patterns, "manage"))),
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("admin/", admin.site.urls),
]
