"""MkDocs hook: the hub's copies of Material's partials only with the Material they come from,
every template escaping what it prints, the Jinja globals the hub's template overrides call, and
where each language's 404 page goes (logic in toolkit.upstream.material_partials,
toolkit.website.published, toolkit.upstream.theme_strings, toolkit.upstream.template_cache and
toolkit.website.notfound)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from toolkit.upstream import active, material_partials, template_cache, theme_strings
from toolkit.website import interface, notfound
from toolkit.website.published import autoescape, still_marked


def on_env(env, config, files):
    material_partials.install(env)  # with another Material, its own partials
    autoescape(env)
    if active("theme_strings"):  # otherwise partials/language.html uses Material's own macro
        theme_strings.install(env)
    template_cache.install(env, cached=active("template_cache"))
    notfound.install(env)
    interface.install(env)
    return env


@event_priority(-100)  # after Material's search plugin (offline build), which makes it a str again
def on_page_context(context, page, config, nav):
    page.content = still_marked(page.content)
    return context


def on_post_template(output_content, template_name, config):
    return notfound.place(output_content, template_name, config)
