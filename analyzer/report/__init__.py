"""Renderers: they turn a BatchResult into text, JSON, xlsx, HTML or annotated docx. No detection here."""
