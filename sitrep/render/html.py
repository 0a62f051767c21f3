"""The Jinja environment and the HTML writer.

Search path: the user's template folder, then the built-ins; `base:brief.html` always names the
built-in, so an override can extend it and replace one block (datasette's ChoiceLoader +
PrefixLoader). autoescape on (article text is untrusted), StrictUndefined (a misspelt variable
fails a scheduled run instead of printing a blank).
"""

from __future__ import annotations

from pathlib import Path

from sitrep.errors import RenderError
from sitrep.model import Report
from sitrep.render.context import Ref, build_context
from sitrep.render.fmt import load_phrases
from sitrep.resources import templates_dir

MAIN_TEMPLATE = "brief.html"


def environment(template_dir: Path | None = None, *, cache: bool = False):  # -> jinja2.Environment
    """The template environment: user folder first, built-ins second, `base:` prefix for built-ins.

    With `cache`, compiled templates are kept between runs (sitrep.store.template_cache)."""
    import jinja2

    builtin = jinja2.FileSystemLoader(str(templates_dir()))
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({"base": builtin}, delimiter=":")]
    if template_dir is not None:
        if not Path(template_dir).is_dir():
            raise RenderError(f"template folder {template_dir} does not exist; fix `templates:` in the report file.")
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(builtin)
    options = {
        "autoescape": True,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    bytecode_cache = None
    if cache:
        from sitrep.store import template_cache

        bytecode_cache = template_cache(options)
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), bytecode_cache=bytecode_cache, **options)
    env.tests["ref"] = lambda value: isinstance(value, Ref)
    return env


def render_html(report: Report, template_dir: Path | None = None, *, cache: bool = False) -> str:
    """The brief as one standalone HTML file (inline CSS, charts as data: URIs); same report, same bytes.

    `cache`: reuse templates compiled by an earlier run (a build does; tests render from source)."""
    import jinja2

    env = environment(template_dir, cache=cache)
    context = build_context(report, load_phrases(template_dir))
    try:
        return env.get_template(MAIN_TEMPLATE).render(context)
    except jinja2.TemplateError as exc:
        where = f" ({exc.filename}:{exc.lineno})" if isinstance(exc, jinja2.TemplateSyntaxError) else ""
        raise RenderError(f"template error{where}: {exc.message or exc}") from exc
