"""Django-side gathering for the reports: units and results from the database, fed to
``ntm.reports``."""
