"""The public's pages to follow a body by email (included by config/urls.py).

None of them is kept by the public cache: the first holds a form, the others answer a link from an email.
"""

from django.urls import path

from following import views

urlpatterns = [
    path("bodies/<slug:slug>/follow/", views.follow_body, name="follow_body"),
    path("follow/confirm/<str:token>/", views.confirm, name="follow_confirm"),
    path("follow/unsubscribe/<str:token>/", views.unsubscribe, name="follow_unsubscribe"),
]
