"""Importing values and economy into follow-up: from files, the SQL data warehouse, Kolada
and drop folders. `pipeline` stages and applies values, `sources` reads them, `kolada` is
Kolada's client, `economy` the economy files, `valuerules` the rules as plain functions,
`jobs` runs import jobs (their task is `followup.tasks.run_import_job`), `views` the pages.
The models stay in followup.models."""
