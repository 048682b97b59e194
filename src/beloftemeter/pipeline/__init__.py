"""The use cases of beloftemeter, one module each: import the agreement, import or sync the
decisions, index them, assess the promises, import a policy document, write reports, and the
whole build. Plain functions over a store (or its URL) and the settings; they report progress
through callbacks, return small frozen records and never print. The CLI, the web app and the
benchmarks call these; none calls another's commands.

Modules are imported by name (`from beloftemeter.pipeline.assess import run_assessment`), so a
caller loads only what its use case needs.
"""
