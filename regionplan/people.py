"""What a region calls the people it shows: its own name for each account (`Member`), never
the name another region gave an account they share.

Inside a region scope the names are remembered for the scope (a request), so a page that
shows the same people many times asks once per person, and a page that shows many asks
once for all of them (`remember`, `with_names`). Outside any region (the person's own
e-mails) the account's own name is used. The functions live with the models they read.
"""

from regionplan.models.users import display_name, know, region_name, remember, with_names

__all__ = ["display_name", "know", "region_name", "remember", "with_names"]
