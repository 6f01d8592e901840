"""The plan pages: a unit's plan for a year as a tree, edited in place with htmx.

Every view asks `regionplan.permissions` (VIEW to read, PLAN to change). Item views take
`sida`, the unit whose plan page the user is on, so that after a change the same page
(with its inherited levels) is shown again: as the tree partial for htmx, as a redirect
for a plain POST.

The package: `base` (what the pages share), `plans`, `items`, `settings`.
"""
