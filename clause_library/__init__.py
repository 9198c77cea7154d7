"""Data only: the bundled clause library (YAML requirements and annotated cases)."""
