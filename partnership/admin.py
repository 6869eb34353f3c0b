from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from partnership.models import Organisation, Person, User, Withdrawal


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin):
    list_display = ["email", "is_active", "is_staff", "is_superuser", "last_login"]
    search_fields = ["email"]
    filter_horizontal = ["groups", "user_permissions"]
    exclude = ["password"]


@admin.register(Organisation)
class OrganisationAdmin(GuardedModelAdmin, SimpleHistoryAdmin):
    list_display = ["name", "short_name", "sector", "is_partner_authority", "joined_on", "left_on"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "email", "organisation", "user"]
    search_fields = ["name", "email"]
    raw_id_fields = ["user"]


@admin.register(Withdrawal)
class WithdrawalAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "effective_on", "recorded_by"]


admin.site.unregister(Group)
admin.site.register(Group, GroupAdmin)


# django-otp registers its devices in the admin, with a page that shows a device's QR code (its secret) to any
# staff user. A person's factors are theirs alone: the secretariat resets them from the person's page.
# Called from PartnershipConfig.ready(), after the admin has found django-otp's registrations.
def unregister_second_factor_devices():
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
