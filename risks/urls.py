"""The risk register (signed-in people only)."""

from django.urls import path

from risks import views

urlpatterns = [
    path("risks/", views.risk_register, name="risk_register"),
    path("risks/new/", views.risk_create, name="risk_create"),
    path("risks/<int:pk>/", views.risk_detail, name="risk_detail"),
    path("risks/<int:pk>/edit/", views.risk_edit, name="risk_edit"),
    path("risks/<int:pk>/history/", views.risk_history, name="risk_history"),
]
