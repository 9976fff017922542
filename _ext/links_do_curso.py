"""Extensão local do Sphinx: no site, os links dos notebooks para o curso ficam dentro do site.

Nos notebooks, um link para outro notebook do curso aponta para ele no Colab, e um link para
uma página (como a de notação) aponta para o site publicado: assim funcionam de dentro do
Colab, que abre um notebook por vez. No site, esta extensão troca esses endereços pelo caminho
relativo da página correspondente, e o site (também uma cópia sem internet) não sai de si.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes


def prefixos(app: Any) -> list[tuple[str, str]]:
    """Os dois prefixos absolutos do curso e a extensão de arquivo que cada um usa."""
    opcoes = app.config.html_theme_options
    repositorio = opcoes["repository_url"].rstrip("/").removeprefix("https://github.com/")
    branch = opcoes.get("repository_branch") or "main"
    colab = f"https://colab.research.google.com/github/{repositorio}/blob/{branch}/"
    return [(colab, ".ipynb"), (app.config.html_baseurl.rstrip("/") + "/", ".html")]


def trocar_links(app: Any, doctree: nodes.document, docname: str) -> None:
    """Troca cada link absoluto para um documento do curso pelo link relativo no site."""
    for referencia in doctree.findall(nodes.reference):
        uri = referencia.get("refuri", "")
        for prefixo, extensao in prefixos(app):
            if not uri.startswith(prefixo):
                continue
            caminho, _, ancora = uri[len(prefixo):].partition("#")
            alvo = caminho.removesuffix(extensao)
            if alvo in app.env.all_docs:
                relativo = app.builder.get_relative_uri(docname, alvo)
                referencia["refuri"] = relativo + (f"#{ancora}" if ancora else "")


def setup(app: Any) -> dict[str, bool]:
    """Registra a troca de links na escrita das páginas."""
    app.connect("doctree-resolved", trocar_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
