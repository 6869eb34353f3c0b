"""The URLs of the whole site. Every pattern here is in the permission matrix test."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from bodies import manage_views
from bodies import views as body_views
from partnership import views

manage_patterns = [
    path("", manage_views.dashboard, name="dashboard"),
    path("organisations/", manage_views.organisation_list, name="organisation_list"),
    path("organisations/new/", manage_views.organisation_form, name="organisation_create"),
    path("organisations/<slug:slug>/edit/", manage_views.organisation_form, name="organisation_edit"),
    path("organisations/<slug:slug>/withdraw/", manage_views.organisation_withdraw, name="organisation_withdraw"),
    path("people/", manage_views.person_list, name="person_list"),
    path("people/new/", manage_views.person_form, name="person_create"),
    path("people/<int:pk>/", manage_views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", manage_views.person_form, name="person_edit"),
    path("people/<int:pk>/invite/", manage_views.person_invite, name="person_invite"),
    path("bodies/new/", manage_views.body_create, name="body_create"),
    path("bodies/<slug:slug>/edit/", manage_views.body_edit, name="body_edit"),
    path("bodies/<slug:slug>/change/<slug:change>/", manage_views.body_change, name="body_change"),
    path("bodies/<slug:slug>/links/new/", manage_views.link_create, name="link_create"),
    path("links/<int:pk>/end/", manage_views.link_end, name="link_end"),
    path("bodies/<slug:slug>/seats/new/", manage_views.seat_create, name="seat_create"),
    path("seats/<int:pk>/end/", manage_views.seat_end, name="seat_end"),
    path("bodies/<slug:slug>/memberships/new/", manage_views.membership_form, name="membership_create"),
    path("memberships/<int:pk>/edit/", manage_views.membership_form, name="membership_edit"),
    path("memberships/<int:pk>/end/", manage_views.membership_end, name="membership_end"),
    path("memberships/<int:pk>/review/", manage_views.membership_review, name="membership_review"),
    path("memberships/reviews-due/", manage_views.reviews_due, name="reviews_due"),
    path("history/<slug:kind>/<str:key>/", manage_views.history, name="history"),
]

account_patterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
]

urlpatterns = [
    path("", body_views.home, name="home"),
    path("bodies/", body_views.body_list, name="body_list"),
    path("bodies/<slug:slug>/", body_views.body_detail, name="body_detail"),
    path("bodies/<slug:slug>/terms-of-reference/", body_views.body_terms_edit, name="body_terms_edit"),
    path("framework/", body_views.framework, name="framework"),
    path("framework/diagram.svg", body_views.framework_svg, name="framework_svg"),
    path("organisations/", body_views.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", body_views.organisation_detail, name="organisation_detail"),
    path("account/", body_views.account, name="account"),
    path("accounts/", include(account_patterns)),
    # Meetings: the calendar, agendas and papers, attendance and minutes.
    path("", include("meetings.urls_calendar")),
    path("", include("meetings.urls_agenda")),
    path("", include("meetings.urls_minutes")),
    # Declarations: the registers of interests and of gifts, rulings and disputes.
    path("", include("declarations.urls_interests")),
    path("", include("declarations.urls_rulings")),
    path("", include("declarations.urls_gifts")),
    path("", include("agreements.urls")),
    # Notifications: a person's list and choices, unsubscribing, the outbox.
    path("", include("partnership.urls_notifications")),
    path("manage/", include((manage_patterns, "manage"))),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
