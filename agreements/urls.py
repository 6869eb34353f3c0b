"""URL patterns of the agreements app (included by config/urls.py).

/agreement/ is the text in force; /agreement/versions/<id>/ is the permanent
address of a version. The secretariat drafts under /manage/agreements/.
"""

from django.urls import path

from agreements.views import consultation as views_consultation
from agreements.views import drafting as views_drafting
from agreements.views import signing as views_signing
from agreements.views import text as views_text

urlpatterns = [
    path("agreement/", views_text.agreement_in_force, name="agreement"),
    path("agreement/versions/", views_text.version_list, name="agreement_versions"),
    path("agreement/versions/<int:pk>/", views_text.version_detail, name="agreement_version"),
    path("agreement/compare/", views_text.compare, name="agreement_compare"),
    path("agreement/versions/<int:pk>/pdf/", views_signing.version_pdf, name="agreement_version_pdf"),
    path("agreement/verify/", views_signing.verify, name="agreement_verify"),
    # An authorised signatory signs the version in force for their organisation.
    path("agreement/versions/<int:pk>/sign/", views_signing.sign, name="agreement_sign"),
    # Consultation: a partner comments on a clause of a draft out for comment, and follows what became of it.
    path("agreement/clauses/<int:pk>/comment/", views_consultation.clause_comment, name="agreement_clause_comment"),
    path("agreement/comments/", views_consultation.my_comments, name="agreement_my_comments"),
    # Drafting and adoption (the secretariat)
    path("manage/agreements/", views_drafting.manage, name="agreement_manage"),
    path("manage/agreements/<int:pk>/new-draft/", views_drafting.new_draft, name="agreement_new_draft"),
    path("manage/agreements/versions/<int:pk>/", views_drafting.version_manage, name="agreement_version_manage"),
    path("manage/agreements/versions/<int:pk>/edit/", views_drafting.version_edit, name="agreement_version_edit"),
    path("manage/agreements/versions/<int:pk>/adopt/", views_drafting.version_adopt, name="agreement_version_adopt"),
    path("manage/agreements/versions/<int:pk>/clauses/new/", views_drafting.clause_add, name="agreement_clause_add"),
    path("manage/agreements/clauses/<int:pk>/edit/", views_drafting.clause_edit, name="agreement_clause_edit"),
    path("manage/agreements/clauses/<int:pk>/move/", views_drafting.clause_move, name="agreement_clause_move"),
    path("manage/agreements/clauses/<int:pk>/remove/", views_drafting.clause_remove, name="agreement_clause_remove"),
    # Consultation (the secretariat)
    path(
        "manage/agreements/versions/<int:pk>/consultation/",
        views_consultation.consultation_open,
        name="agreement_consultation",
    ),
    path(
        "manage/agreements/versions/<int:pk>/consultation/close/",
        views_consultation.consultation_close,
        name="agreement_consultation_close",
    ),
    path("manage/agreements/versions/<int:pk>/comments/", views_consultation.comment_list, name="agreement_comments"),
    path(
        "manage/agreements/comments/<int:pk>/decide/",
        views_consultation.comment_decide,
        name="agreement_comment_decide",
    ),
    # Signing (the secretariat)
    path(
        "manage/agreements/versions/<int:pk>/signatures/",
        views_signing.signatures_dashboard,
        name="agreement_signatures",
    ),
    path("manage/agreements/signatories/", views_signing.signatories, name="agreement_signatories"),
    path("manage/agreements/signatories/new/", views_signing.signatory_add, name="agreement_signatory_add"),
    path("manage/agreements/signatories/<int:pk>/end/", views_signing.signatory_end, name="agreement_signatory_end"),
]
