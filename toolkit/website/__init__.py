"""The MkDocs side: the bridge the hooks call, search index, stylesheet cut, CSP, SEO, edit links."""
