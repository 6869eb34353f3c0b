"""The bodies' pages: the public framework, bodies and organisations, and the secretariat's pages."""

from django.urls import path

from bodies.views import balance as balance_views
from bodies.views import manage as manage_views
from bodies.views import public as views
from bodies.views import statements as statement_views
from partnership import security_views

urlpatterns = [
    path("", views.home, name="home"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<slug:slug>/", views.body_detail, name="body_detail"),
    path("bodies/<slug:slug>/terms-of-reference/", views.body_terms_edit, name="body_terms_edit"),
    path("bodies/<slug:slug>/balance/", balance_views.body_balance, name="body_balance"),
    path("framework/", views.framework, name="framework"),
    path("framework/diagram.svg", views.framework_svg, name="framework_svg"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("account/", views.account, name="account"),
    path("accessibility/", statement_views.accessibility_statement, name="accessibility_statement"),
    path("privacy/", statement_views.privacy_notice, name="privacy_notice"),
]

# Under /manage/, in the "manage" namespace.
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
    path("people/<int:pk>/reset-factors/", security_views.person_reset_factors, name="person_reset_factors"),
    path("people/<int:pk>/sign-out-everywhere/", manage_views.person_sign_out, name="person_sign_out"),
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
