"""Extensão local do Sphinx: a diretiva `tempos-de-execucao`, uma tabela com o tempo de cada
notebook executado, lido dos metadados que `scripts/construir_livro.py` grava nas cópias."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective


class TemposDeExecucao(SphinxDirective):
    """Tabela em Markdown: notebook, segundos; mais o total."""

    def run(self) -> list[nodes.Node]:
        linhas, total = ["| notebook | tempo (s) |", "| --- | ---: |"], 0.0
        for docname in sorted(self.env.found_docs):
            caminho = Path(self.env.srcdir) / f"{docname}.ipynb"
            if not caminho.exists():
                continue
            segundos = nbformat.read(caminho, as_version=4).metadata.get(
                "execucao", {}).get("segundos")
            if segundos is None:
                continue
            self.env.note_dependency(str(caminho))
            linhas.append(f"| {{doc}}`/{docname}` | {segundos:.1f} |")
            total += segundos
        if len(linhas) == 2:
            linhas = ["Sem tempos registrados: construa o site com `make book`."]
        else:
            linhas.append(f"| **total** | **{total:.0f}** |")
        conteudo = nodes.container()
        self.state.nested_parse(StringList(linhas), self.content_offset, conteudo)
        return conteudo.children


def setup(app: Any) -> dict[str, bool]:
    """Registra a diretiva."""
    app.add_directive("tempos-de-execucao", TemposDeExecucao)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
