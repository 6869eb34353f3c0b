"""URL patterns of the gifts and hospitality register (included by partnership/urls.py)."""

from django.urls import path

from declarations import views_gifts as views

urlpatterns = [
    path("registers/gifts/", views.public_register, name="gift_register"),
    path("registers/gifts/people/<int:pk>/", views.public_register_person, name="gift_register_person"),
    path("account/gifts/", views.my_gifts, name="gift_mine"),
    path("account/gifts/declare/", views.declare, name="gift_declare"),
    path("account/gifts/advice/new/", views.ask_advice, name="gift_advice_ask"),
    path("account/gifts/advice/<int:pk>/", views.advice_detail, name="gift_advice_detail"),
    path("gifts/advice/", views.advice_list, name="gift_advice_list"),
    path("gifts/advice/<int:pk>/answer/", views.advice_answer, name="gift_advice_answer"),
    path("manage/registers/gifts/", views.manage_register, name="gift_register_manage"),
    path("manage/registers/gifts.csv", views.register_csv, name="gift_register_csv"),
    path("manage/registers/gifts/settings/", views.settings_page, name="gift_settings"),
]
