"""URL patterns of the register of interests (included by partnership/urls.py)."""

from django.urls import path

from declarations import views_interests as views

urlpatterns = [
    # Public and permanent.
    path("registers/interests/", views.interests_public, name="interests_public"),
    path("registers/interests/people/<int:pk>/", views.interests_public_person, name="interests_public_person"),
    # A member's own register.
    path("account/interests/", views.interests_mine, name="interests_mine"),
    path("account/interests/new/", views.interest_create, name="interest_create"),
    path("account/interests/confirm/", views.register_confirm, name="interests_confirm"),
    path("account/interests/<int:pk>/edit/", views.interest_edit, name="interest_edit"),
    path("account/interests/<int:pk>/close/", views.interest_close, name="interest_close"),
    path("account/interests/<int:pk>/history/", views.interest_history, name="interest_history"),
    # Possible conflicts on an agenda: the chair, the secretariat, and each member for their own.
    path("meetings/<int:pk>/conflicts/", views.meeting_conflicts, name="meeting_conflicts"),
    # The secretariat's view of every register.
    path("manage/registers/interests/", views.interests_manage, name="interests_manage"),
    path("manage/registers/interests.csv", views.interests_csv, name="interests_csv"),
    path("manage/registers/interests/people/<int:pk>/new/", views.interest_create_for, name="interest_create_for"),
]
