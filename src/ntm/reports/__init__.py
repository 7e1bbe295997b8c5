"""Reports, pure (no Django): evaluation results -> report structures (``review``, ``summary``,
``progress``) -> narrative text -> renderers (``render.html``, ``render.xlsx``, ``render.pdf``,
``render.text``). ``consistency`` checks published figures. The database side lives in
``ntm.reportsdata``."""
