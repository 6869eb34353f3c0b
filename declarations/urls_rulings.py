"""URL patterns of this part of the declarations app (included by partnership/urls.py)."""

from django.urls import path

from declarations import views_rulings as views

urlpatterns = [
    path("meetings/<int:pk>/items/<int:item_id>/declare/", views.declaration_create, name="declaration_create"),
    path(
        "meetings/<int:pk>/items/<int:item_id>/declare/verbal/",
        views.declaration_record_verbal,
        name="declaration_record_verbal",
    ),
    path("declarations/awaiting-ruling/", views.declarations_awaiting_ruling, name="declarations_awaiting_ruling"),
    path("declarations/<int:pk>/", views.declaration_detail, name="declaration_detail"),
    path("declarations/<int:pk>/rule/", views.declaration_rule, name="declaration_rule"),
    path("declarations/<int:pk>/dispute/", views.ruling_dispute, name="ruling_dispute"),
    path("disputes/", views.dispute_list, name="dispute_list"),
    path("disputes/<int:pk>/", views.dispute_detail, name="dispute_detail"),
    path("disputes/<int:pk>/head-of-legal/", views.dispute_head_of_legal, name="dispute_head_of_legal"),
    path("disputes/<int:pk>/resolve/", views.dispute_resolve, name="dispute_resolve"),
]
