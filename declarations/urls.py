"""The declarations app's pages: the registers of interests and of gifts, declarations, rulings and disputes."""

from django.urls import path

from declarations.views import gifts, interests, rulings

urlpatterns = [
    # Interests
    # Public and permanent.
    path("registers/interests/", interests.interests_public, name="interests_public"),
    path("registers/interests/people/<int:pk>/", interests.interests_public_person, name="interests_public_person"),
    # A member's own register.
    path("account/interests/", interests.interests_mine, name="interests_mine"),
    path("account/interests/new/", interests.interest_create, name="interest_create"),
    path("account/interests/confirm/", interests.register_confirm, name="interests_confirm"),
    path("account/interests/<int:pk>/edit/", interests.interest_edit, name="interest_edit"),
    path("account/interests/<int:pk>/close/", interests.interest_close, name="interest_close"),
    path("account/interests/<int:pk>/history/", interests.interest_history, name="interest_history"),
    # Possible conflicts on an agenda: the chair, the secretariat, and each member for their own.
    path("meetings/<int:pk>/conflicts/", interests.meeting_conflicts, name="meeting_conflicts"),
    # The secretariat's view of every register.
    path("manage/registers/interests/", interests.interests_manage, name="interests_manage"),
    path("manage/registers/interests.csv", interests.interests_csv, name="interests_csv"),
    path("manage/registers/interests/people/<int:pk>/new/", interests.interest_create_for, name="interest_create_for"),
    # Rulings
    path("meetings/<int:pk>/items/<int:item_id>/declare/", rulings.declaration_create, name="declaration_create"),
    path(
        "meetings/<int:pk>/items/<int:item_id>/declare/verbal/",
        rulings.declaration_record_verbal,
        name="declaration_record_verbal",
    ),
    path("declarations/awaiting-ruling/", rulings.declarations_awaiting_ruling, name="declarations_awaiting_ruling"),
    path("declarations/<int:pk>/", rulings.declaration_detail, name="declaration_detail"),
    path("declarations/<int:pk>/rule/", rulings.declaration_rule, name="declaration_rule"),
    path("declarations/<int:pk>/dispute/", rulings.ruling_dispute, name="ruling_dispute"),
    path("disputes/", rulings.dispute_list, name="dispute_list"),
    path("disputes/<int:pk>/", rulings.dispute_detail, name="dispute_detail"),
    path("disputes/<int:pk>/head-of-legal/", rulings.dispute_head_of_legal, name="dispute_head_of_legal"),
    path("disputes/<int:pk>/resolve/", rulings.dispute_resolve, name="dispute_resolve"),
    # Gifts
    path("registers/gifts/", gifts.public_register, name="gift_register"),
    path("registers/gifts/people/<int:pk>/", gifts.public_register_person, name="gift_register_person"),
    path("account/gifts/", gifts.my_gifts, name="gift_mine"),
    path("account/gifts/declare/", gifts.declare, name="gift_declare"),
    path("account/gifts/advice/new/", gifts.ask_advice, name="gift_advice_ask"),
    path("account/gifts/advice/<int:pk>/", gifts.advice_detail, name="gift_advice_detail"),
    path("gifts/advice/", gifts.advice_list, name="gift_advice_list"),
    path("gifts/advice/<int:pk>/answer/", gifts.advice_answer, name="gift_advice_answer"),
    path("manage/registers/gifts/", gifts.manage_register, name="gift_register_manage"),
    path("manage/registers/gifts.csv", gifts.register_csv, name="gift_register_csv"),
    path("manage/registers/gifts/settings/", gifts.settings_page, name="gift_settings"),
]
