from django import template

from ntm.accounts.access import publishable_roots

register = template.Library()


@register.simple_tag
def user_may_publish(user) -> bool:
    """Whether to show the publish page in the menu (the page checks each unit again)."""
    return bool(getattr(user, "is_authenticated", False)) and bool(publishable_roots(user))
