"""Constrói o livro em modo estrito e confere os links do Colab nas páginas geradas."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import CAPITULOS, EXERCICIOS, RAIZ, SOLUCOES, ids

NOTEBOOKS = CAPITULOS + EXERCICIOS + SOLUCOES
HTML = RAIZ / "_build" / "html"
COLAB = re.compile(r"^https://colab\.research\.google\.com/github/([^/]+/[^/]+)/blob/([^/]+)/(.+)$")

pytestmark = pytest.mark.xdist_group("livro")


@pytest.fixture(scope="module")
def build() -> subprocess.CompletedProcess:
    """Executa `jupyter-book build . -W -n --keep-going --all` uma vez para o módulo."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    return subprocess.run(
        [str(jupyter_book), "build", ".", "-W", "-n", "--keep-going", "--all"],
        cwd=RAIZ,
        capture_output=True,
        text=True,
    )


def test_build_estrito_sem_avisos(build: subprocess.CompletedProcess) -> None:
    """O build termina sem nenhum aviso (com -W, um aviso vira erro)."""
    saida = build.stdout + build.stderr
    assert build.returncode == 0, saida[-6000:]
    assert (HTML / "index.html").exists()


def test_bibliografia_tem_referencias(build: subprocess.CompletedProcess) -> None:
    """A página de referências lista as entradas de references.bib."""
    pagina = BeautifulSoup((HTML / "referencias.html").read_text(encoding="utf-8"), "html.parser")
    entradas = pagina.select("div.citation, dl.citation > dt")
    n_bib = (RAIZ / "references.bib").read_text(encoding="utf-8").count("\n@") + 1
    assert len(entradas) >= n_bib, f"{len(entradas)} entradas na página, {n_bib} no .bib"


@pytest.mark.parametrize("caminho", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_pagina_tem_link_do_colab(build: subprocess.CompletedProcess, caminho: Path) -> None:
    """Cada página de notebook abre no Colab o .ipynb certo do repositório, na branch main."""
    config = yaml.safe_load((RAIZ / "_config.yml").read_text(encoding="utf-8"))
    repositorio = config["repository"]["url"].removeprefix("https://github.com/")
    relativo = caminho.relative_to(RAIZ)
    pagina = HTML / relativo.with_suffix(".html")
    assert pagina.exists(), f"página não gerada: {pagina}"
    sopa = BeautifulSoup(pagina.read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in sopa.find_all("a", href=COLAB)]
    assert links, f"{relativo}: nenhum link do Colab"
    for link in links:
        repo, branch, alvo = COLAB.match(link).groups()
        assert repo == repositorio
        assert branch == "main"
        assert alvo.endswith(".ipynb") and (RAIZ / alvo).is_file(), f"{link} não existe"
        assert alvo == relativo.as_posix()
