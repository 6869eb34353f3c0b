"""The Agreement and Protocols for the demo partnership: V5 of April 2009, the February 2011 revision, a draft.

`load(stdout)` is called by `manage.py loaddemo` after the rest of the demo,
in a transaction of its own; it does nothing if the demo Agreement is already
there, or if the demo partnership is not. It goes through agreements.actions.drafting,
as the secretariat would: V5 is entered as a draft and adopted, the 2011
revision starts as a copy of V5 and is edited clause by clause, so the
comparison between them shows real insertions, deletions and moves.

The section numbers and headings follow the papers (seed 001 for V5, seed 002
for the revision, which stops part-way through its section 7; after that the
demo assumes the later sections carried over, renumbered). Every clause's
text is a short summary written for the demo, not the papers' words. The
papers record no formal adoption: the demo says V5 was endorsed at the LSP's
meeting of 30 July 2009 (its agenda has the item), and records the revision
as adopted, with no meeting named, to take effect with the reshaped framework
on 15 April 2011.

The 2012 draft is out for consultation (for four weeks from the day the demo
is loaded), with two comments from demo partners: one accepted, its proposed
text written into the draft, and one awaiting the secretariat's decision.
"""

import datetime

from agreements import reminders
from agreements.actions import consultation as actions_consultation
from agreements.actions import drafting as actions
from agreements.actions import signing as actions_signing
from agreements.canonical import current_hash
from agreements.models import Agreement, AgreementVersion, Clause, Comment, Signatory, VersionStatus
from bodies.models import Body
from demo.framework import DEMO_PASSWORD
from meetings.models import Meeting
from partnership import dates, mfa
from partnership.actions import save_person
from partnership.audit import validated_save
from partnership.models import SECRETARIAT_GROUP, Organisation, Person, User
from partnership.transactions import several_actions

D = datetime.date
SLUG = "agreement-and-protocols"
TITLE = "Agreement and Protocols"
LSP_SLUG = "lsp"
V5_LABEL = "V5 2.4.09"
V5_ENDORSED = D(2009, 7, 30)
REVISION_LABEL = "Revised February 2011"
REVISION_TAKES_EFFECT = D(2011, 4, 15)
DRAFT_LABEL = "Draft for the 2012 review"

# (number, heading, text, [clauses]) in the order of the paper; text in the demo's own words.
V5 = [
    (
        "1",
        "Current and Future Partnership Context",
        "New duties on councils and their partners make joint working "
        "the normal way to plan services for a place.\n\n### What next?\n\nThe partnership keeps national changes "
        "under watch and adjusts its framework when they land.",
    ),
    (
        "2",
        "Introduction",
        "This document sets out how the partners of the framework have agreed to work.\n\n"
        "- It is a statement of commitment, not a binding contract.\n- It names the constituent bodies of the "
        "framework.",
    ),
    (
        "3",
        "Aims of the Cheshire West and Chester Partnership Framework",
        "- Share a vision and priorities for the borough.\n- Prepare the community strategy together.",
    ),
    (
        "4",
        "Objectives of the Cheshire West and Chester Partnership Framework",
        "- Join up plans and avoid "
        "duplication.\n- Review performance together and act on weak spots.\n- Promote equality for everyone in the area.",
    ),
    ("5", "Partnership Principles", "Partners work as equals, openly, and listen to the communities they serve."),
    (
        "6",
        "Membership",
        "",
        [
            ("6.1", "", "The framework is open to every partner who shares its purpose."),
            ("6.2", "", "It works at strategic, operational and local levels through its constituent bodies."),
            ("6.3", "", "Each body has terms of reference; the bodies are linked, not ranked."),
            ("6.4", "", "Partners keep their own accountabilities."),
            ("6.5", "", "Membership is reviewed regularly and means accepting this Agreement."),
        ],
    ),
    (
        "7",
        "Sector Roles and Responsibilities",
        "",
        [
            ("7.1", "Community Sector", "Community representatives bring local knowledge and help groups be heard."),
            ("7.2", "Voluntary Sector", "Voluntary groups provide services and speak for those they serve."),
            ("7.3", "Private Sector", "Businesses bring investment, jobs and a commercial view."),
            ("7.4", "Public Sector", "Public bodies align their core budgets and services with the agreed priorities."),
        ],
    ),
    (
        "8",
        "Primary Roles of the Constituent Bodies",
        "",
        [
            (
                "8.1",
                "Cheshire West and Chester Local Strategic Partnership (LSP)",
                "The LSP sets the shared priorities and oversees the whole framework.",
            ),
            (
                "8.2",
                "Thematic Leads",
                "The chairs and vice chairs of the themes meet monthly to run the LSP's work programme.",
            ),
            ("8.3", "Area Partnership Boards (APB)", "Independently chaired boards plan for each area of the borough."),
            ("8.4", "Community Forums", "Forums give local people and their councillors a voice."),
            (
                "8.5",
                "Local Councils (i.e. town and parish councils)",
                "Town and parish councils take part at neighbourhood level.",
            ),
            ("8.6", "Thematic Partnerships", "Each theme partnership plans and commissions for its theme."),
            ("8.7", "Support Groups", "Support groups give advice and practical help to the framework."),
            ("8.8", "LSP Network", "The network brings all partners together twice a year."),
            (
                "8.9",
                "Local and Neighbourhood Partnerships",
                "Small local partnerships link in through their area board.",
            ),
            ("8.10", "Regional and Sub-Regional links", "The framework works with partnerships beyond the borough."),
            (
                "8.11",
                "Public Sector organisation's Governance Structures",
                "Partners keep their own boards; every "
                "agenda has a slot for partner matters, and papers go on the website.",
            ),
        ],
    ),
    ("9", "Conduct – General Principles", "Members act selflessly, honestly and openly, and respect others."),
    (
        "10",
        "Behaviour in Meetings",
        "",
        [
            ("10.1", "", "Meetings are where most decisions are made, so they must work well."),
            ("10.2", "", "Members come prepared, speak through the chair and respect each other."),
            ("10.3", "", "Decisions rest on accurate information and open debate."),
            ("10.4", "", "Papers are circulated at least one week before the meeting."),
        ],
    ),
    (
        "11",
        "Common Constitutional Issues",
        "",
        [
            (
                "11.1",
                "Declarations of Interest",
                "",
                [
                    ("11.1.1", "", "Members declare any interest in writing to the body and the secretariat."),
                    ("11.1.2", "", "An interest that arises in a meeting is declared there and minuted."),
                    (
                        "11.1.3",
                        "",
                        "Minutes, with their declarations, are open to the public, confidential matters aside.",
                    ),
                    ("11.1.4", "", "The body rules on each declaration."),
                    ("11.1.5", "", "A dispute goes to the chair of the LSP, who consults the Head of Legal."),
                ],
            ),
            ("11.2", "Confidentiality", "Confidential information stays in the meeting unless the chair agrees."),
            (
                "11.3",
                "Hospitality and Gifts",
                "Offers are declared to the chair and the secretariat, and refused if they could sway a decision.",
            ),
            (
                "11.4",
                "Conflict of Interest",
                "",
                [
                    ("11.4.1", "", "Most partners have some interest at some time; it must be open."),
                    ("11.4.2", "", "A conflict is declared to the chair of the meeting."),
                    (
                        "11.4.3",
                        "",
                        "Conflicts include:\n\n- a connected person who stands to gain;\n- holding more than one role.",
                    ),
                    ("11.4.4", "", "When in doubt, ask the secretariat."),
                    ("11.4.5", "", "Members report any change in their circumstances."),
                ],
            ),
        ],
    ),
    (
        "12",
        "Operational Issues",
        "",
        [
            ("12.1", "", "Each body has agreed aims and objectives."),
            ("12.2", "", "Members commit to delivering them."),
        ],
    ),
    (
        "13",
        "Financial Resources",
        "",
        [
            ("13.1", "", "Members say how they will support their body's work."),
            ("13.2", "", "Funds stay the responsibility of the member who holds them."),
        ],
    ),
    ("14", "Operating Agreement", "An operating agreement will cover risk, performance, publicity and disputes."),
    (
        "15",
        "Contracts",
        "",
        [
            ("15.1", "", "Contracts with others are made by one member on behalf of the rest."),
            ("15.2", "", "No member commits another to spending without written agreement."),
        ],
    ),
    (
        "16",
        "Equality, Diversity & Social Inclusion",
        "",
        [
            ("16.1", "", "The bodies value diversity and fair treatment."),
            ("16.2", "", "Each body seeks fair representation."),
            ("16.3", "", "Each body seeks a gender balance in its membership."),
            ("16.4", "", "Each body adopts an equality statement and an impact assessment."),
        ],
    ),
    ("17", "Accountability", "Members put the community's interests before narrower ones."),
    (
        "18",
        "Review & Dissolution",
        "",
        [
            ("18.1", "", "The Agreement lets members oversee how the framework develops."),
            ("18.2", "", "New laws may change how the framework works."),
            ("18.3", "", "A member leaving gives written notice of how its committed funding will be kept up."),
        ],
    ),
    ("19", "Sharing Information", "Members share information where they lawfully can."),
    ("20", "Changes and Additions to this Agreement and Protocol", "The LSP reviews the Agreement every year."),
    ("21", "Secretariat", "The council's partnerships team supports the bodies."),
    (
        "22",
        "Expert Officer Support",
        "### Financial matters\n\nA financial adviser from one member.\n\n"
        "### Audit\n\nAn auditor from a different member.",
    ),
    (
        "23",
        "Partnership Agreements and Constitution for Constitutional Bodies of the Framework",
        "Each body adopts its own constitution, in line with this Agreement.",
    ),
    ("24", "Signatories to the Agreement", "Each partner organisation signs and dates the Agreement."),
]

# The 2011 revision's new headings for sections 1-4 (seed 002).
REVISED_HEADINGS = {
    "1": "Current and Future Partnership Context: the National Picture",
    "2": "Purpose of this Document",
    "3": "Aims of the West Cheshire Together Partnership Framework",
    "4": "Objectives of the West Cheshire Together Partnership Framework",
}


def _build(version, outline, by, parent=None):
    for number, heading, text, *children in outline:
        clause = actions.add_clause(version, by=by, heading=heading, text=text, inside=parent)
        if clause.number != number:
            raise ValueError(f"The demo outline says {number} where the Agreement numbers it {clause.number}")
        _build(version, children[0] if children else [], by, parent=clause)


def _clause(version, number):
    return Clause.objects.get(version=version, number=number)


def _revise(revision, by):
    """Turn the copy of V5 into the February 2011 revision, clause by clause."""
    for number, heading in REVISED_HEADINGS.items():
        clause = _clause(revision, number)
        actions.edit_clause(clause, by=by, heading=heading, text=clause.text)
    actions.edit_clause(
        _clause(revision, "2"),
        by=by,
        heading=REVISED_HEADINGS["2"],
        text="This document sets out how West Cheshire Together works after the 2011 reshaping.\n\n"
        "- It is a statement of commitment, not a binding contract.\n- It names the bodies of the framework.",
    )
    # The principles are folded into the aims, so the sections after them move up one.
    actions.remove_clause(_clause(revision, "5"), by=by)
    actions.edit_clause(
        _clause(revision, "7.1"),
        by=by,
        heading="West Cheshire Together Commissioning Board",
        text="The Board, formed from the LSP's steering group and the thematic leads, sets the priorities and "
        "commissions the work.",
    )
    network = _clause(revision, "7.8")
    actions.edit_clause(
        network,
        by=by,
        heading="West Cheshire Together Network Event",
        text="The network event brings all partners together twice a year.",
    )
    actions.move_clause(network, by=by, after=_clause(revision, "7.1"))
    actions.remove_clause(_clause(revision, "7.3"), by=by)  # Thematic Leads, merged into the Board
    groups = actions.add_clause(
        revision,
        by=by,
        heading="Task and Finish Groups",
        text="Groups set up by the Board for a single task, which report to it and then close.",
        after=_clause(revision, "7.2"),
    )
    actions.add_clause(
        revision,
        by=by,
        heading="Big Society Group",
        text="A group that supports a partnership action plan for community-led work.",
        after=groups,
    )
    actions.edit_clause(
        _clause(revision, "19"),
        by=by,
        heading=_clause(revision, "19").heading,
        text="The Commissioning Board reviews the Agreement every year.",
    )


def _record_revision_adopted(revision, by):
    """Record the revision as adopted with no meeting: the demo holds no LSP meeting of 2011 to point to.

    agreements.actions.drafting.adopt_version insists on a meeting of the partnership
    board, as the secretariat's page does; for this one historical record the
    demo writes the same rows itself (the model allows a version adopted at a
    meeting not in the records).
    """
    previous = AgreementVersion.objects.get(agreement=revision.agreement, status=VersionStatus.ADOPTED)
    previous.status = VersionStatus.SUPERSEDED
    previous.superseded_on = REVISION_TAKES_EFFECT
    validated_save(previous, by)
    # As adopt_version does: nothing more is asked of the version superseded.
    reminders.superseded(previous)
    revision.sha256 = current_hash(revision)
    revision.status = VersionStatus.ADOPTED
    revision.takes_effect = REVISION_TAKES_EFFECT
    revision.review_due = revision.agreement.review_due_after(REVISION_TAKES_EFFECT)
    revision.adopted_recorded_by = by
    validated_save(revision, by)


def load(stdout=None):
    """Load the demo Agreement once; return True if it was loaded now."""

    def say(message):
        if stdout is not None:
            stdout.write(message)

    # All or nothing: the demo's actions, each durable, run as one unit.
    with several_actions():
        return _load(say)


def _load(say):
    if Agreement.objects.filter(slug=SLUG).exists():
        signed_now = load_signing(say)
        if load_consultation(say) or signed_now:
            return True
        say("The demo Agreement and Protocols is already loaded; nothing changed.")
        return False
    lsp = Body.objects.filter(slug=LSP_SLUG).first()
    july = Meeting.objects.filter(body=lsp, starts_at__date=V5_ENDORSED).first() if lsp else None
    by = User.objects.filter(groups__name=SECRETARIAT_GROUP).order_by("pk").first()
    if lsp is None or july is None:
        say("The demo partnership is not loaded, so the demo Agreement was not loaded either.")
        return False

    agreement = actions.create_agreement(by=by, title=TITLE, slug=SLUG)
    v5 = actions.start_draft(
        agreement, by=by, label=V5_LABEL, summary="The second draft, amended after partners' comments."
    )
    _build(v5, V5, by)
    actions.adopt_version(v5, by=by, meeting=july, takes_effect=V5_ENDORSED)

    revision = actions.start_draft(
        agreement,
        by=by,
        label=REVISION_LABEL,
        summary="Revised for the reshaped framework: the Commissioning Board, the network event, task and finish "
        "groups and the Big Society Group replace the LSP's old structure.",
    )
    _revise(revision, by)
    _record_revision_adopted(revision, by)

    draft = actions.start_draft(
        agreement,
        by=by,
        label=DRAFT_LABEL,
        summary="Adds the equality statement and the information sharing protocol as annexes.",
    )
    actions.add_clause(
        draft,
        by=by,
        heading="Equality Statement",
        text="The partners treat everyone fairly and remove barriers to taking part.",
        annex=True,
    )
    actions.add_clause(
        draft,
        by=by,
        heading="Information Sharing Protocol",
        text="Partners share personal information only where the law allows, and keep it safe.",
        annex=True,
    )
    say(f"Loaded the demo Agreement and Protocols: {V5_LABEL}, {REVISION_LABEL} and a draft.")
    load_signing(say)
    load_consultation(say)
    return True


# Signing the 2011 revision: some partners signed online, others are outstanding.
# (person key, organisation slug, signs in the demo). Each signatory has a demo login.
SIGNATORIES = [
    ("mike-jones", "cwac", True),
    ("steve-jennings", "cheshire-housing-alliance", True),
    ("jackie-weaver", "chalc", True),
    # The demo member: authorised for the Constabulary, which has not signed yet, so the demo can show signing.
    ("tim-jackson", "cheshire-constabulary", False),
]
SIGNATORIES_FROM = REVISION_TAKES_EFFECT
DEMO_USER_AGENT = "demo (manage.py loaddemo)"


def _login_for(person, by):
    if person.user_id is None:
        user = User.objects.filter(email__iexact=person.email).first() or User.objects.create_user(
            person.email, DEMO_PASSWORD
        )
        person.user = user
        save_person(person, by=by)
    return person.user


def load_signing(say):
    """Designate the demo signatories and sign the revision for some partners, once; return True if done now."""
    revision = AgreementVersion.objects.filter(agreement__slug=SLUG, label=REVISION_LABEL).first()
    by = User.objects.filter(groups__name=SECRETARIAT_GROUP).order_by("pk").first()
    if revision is None or by is None or Signatory.objects.exists():
        return False
    people = {p.email.split("@")[0]: p for p in Person.objects.filter(email__endswith="@example.org")}
    signed, outstanding = [], []
    for key, slug, signs in SIGNATORIES:
        person = people.get(key.replace("-", "."))
        organisation = Organisation.objects.filter(slug=slug).first()
        if person is None or organisation is None:
            continue
        user = _login_for(person, by)
        actions_signing.designate_signatory(by=by, organisation=organisation, person=person, start=SIGNATORIES_FROM)
        # From MFA_REQUIRED_FROM a signatory signs with a second factor, which the demo's have not set up: the
        # revision then waits for their signatures (partnership.mfa).
        if signs and revision.is_in_force_on(dates.today()) and not mfa.required_now():
            # Through the action, as a signatory would; the demo records no real address or browser.
            actions_signing.sign_version(
                revision,
                by=user,
                organisation=organisation,
                password=DEMO_PASSWORD,
                consented=True,
                read_sha256=revision.sha256,
                ip_address=None,
                user_agent=DEMO_USER_AGENT,
            )
            signed.append(organisation.name)
        else:
            # Names only: the logins themselves are printed by loaddemo, and not at all with --quiet.
            outstanding.append(f"{person.full_name} can sign it for {organisation.name}, which has not signed yet")
    say(f"Demo signatures of {REVISION_LABEL}: {', '.join(signed) or 'none'}.")
    for line in outstanding:
        say(f"Demo signatory: {line}.")
    return True


# The 2012 draft out for consultation: (person key, clause number, comment, proposed text, decision or None).
CONSULTATION_WEEKS = 4
COMMENTS = [
    (
        "tim-jackson",
        "A",
        "The statement should say that partners also check their services for barriers, not only their meetings.",
        "The partners treat everyone fairly, remove barriers to taking part, and check their services for them.",
        ("accepted", "Agreed: the statement now covers services as well as meetings."),
    ),
    (
        "mike-jones",
        "B",
        "Name who partners go to for advice before sharing personal information.",
        "",
        None,
    ),
]


def load_consultation(say):
    """Put the 2012 draft out for comment, with the demo's two comments, once; return True if done now."""
    draft = AgreementVersion.objects.filter(agreement__slug=SLUG, label=DRAFT_LABEL).first()
    by = User.objects.filter(groups__name=SECRETARIAT_GROUP).order_by("pk").first()
    if draft is None or by is None or draft.consultation_opened_at is not None or Comment.objects.exists():
        return False
    people = {
        p.email.split("@")[0]: p for p in Person.objects.filter(email__endswith="@example.org", user__isnull=False)
    }
    closes_on = dates.today() + datetime.timedelta(weeks=CONSULTATION_WEEKS)
    actions_consultation.open_consultation(draft, by=by, closes_on=closes_on)
    made = 0
    for key, number, text, proposed, decision in COMMENTS:
        person = people.get(key.replace("-", "."))
        if person is None:
            continue
        comment = actions_consultation.add_comment(
            _clause(draft, number), by=person.user, text=text, proposed_text=proposed
        )
        made += 1
        if decision is not None:
            outcome, reason = decision
            actions_consultation.decide_comment(
                comment, by=by, outcome=outcome, reason=reason, apply_text=bool(proposed)
            )
    say(
        f"Demo consultation: “{DRAFT_LABEL}” is open for comment until {dates.british_date(closes_on)}, with {made} comments."
    )
    return True
