"""Constrói o livro em modo estrito e confere as páginas: Colab, links internos e tempos."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import CAPITULOS, EXERCICIOS, RAIZ, SOLUCOES, ids

NOTEBOOKS = CAPITULOS + EXERCICIOS + SOLUCOES
HTML = RAIZ / "_build" / "html"
COLAB = re.compile(r"^https://colab\.research\.google\.com/github/([^/]+/[^/]+)/blob/([^/]+)/(.+)$")

pytestmark = [pytest.mark.livro, pytest.mark.xdist_group("livro")]


@pytest.fixture(scope="module")
def build(livro: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    """O build estrito da sessão (veja `livro` em conftest.py)."""
    return livro


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


@pytest.mark.parametrize("caminho", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_links_ficam_dentro_do_site(build: subprocess.CompletedProcess, caminho: Path) -> None:
    """No site, os links entre páginas do curso são relativos e levam a arquivos que existem."""
    baseurl = yaml.safe_load((RAIZ / "_config.yml").read_text(encoding="utf-8"))["html"]["baseurl"]
    pagina = HTML / caminho.relative_to(RAIZ).with_suffix(".html")
    artigo = BeautifulSoup(pagina.read_text(encoding="utf-8"), "html.parser").select_one("article")
    internos = 0
    for a in artigo.find_all("a", href=True):
        href = a["href"]
        assert not href.startswith(baseurl), f"{caminho.name}: link para o site publicado: {href}"
        if re.match(r"^[a-z]+:|^#", href):
            continue
        alvo = (pagina.parent / href.partition("#")[0]).resolve()
        assert alvo.is_file(), f"{caminho.name}: link quebrado no site: {href}"
        internos += alvo.suffix == ".html"
    if caminho in CAPITULOS:
        assert internos >= 2, f"{caminho.name}: esperava links para os exercícios e as soluções"


@pytest.mark.parametrize("caminho", CAPITULOS, ids=ids(CAPITULOS))
def test_widget_sem_saida_no_site(build: subprocess.CompletedProcess, caminho: Path) -> None:
    """No site, a célula do widget mostra só o código: nem controles mortos nem figura repetida."""
    pagina = HTML / caminho.relative_to(RAIZ).with_suffix(".html")
    sopa = BeautifulSoup(pagina.read_text(encoding="utf-8"), "html.parser")
    celulas = [c for c in sopa.select("div.cell") if "widgets.interactive(" in c.get_text()]
    assert celulas, f"{caminho.name}: nenhuma célula de widget na página"
    for celula in celulas:
        assert not celula.select(".cell_output"), f"{caminho.name}: célula de widget com saída"


def test_pagina_de_tempos_lista_cada_notebook(build: subprocess.CompletedProcess) -> None:
    """A página de tempos de execução tem uma linha com tempo para cada capítulo e solução."""
    pagina = BeautifulSoup((HTML / "execucao.html").read_text(encoding="utf-8"), "html.parser")
    linhas = pagina.select("article table tbody tr")
    tempos = {}
    for linha in linhas:
        celulas = [td.get_text(strip=True) for td in linha.find_all("td")]
        link = linha.find("a", href=True)
        if link is not None:
            tempos[link["href"].removesuffix(".html")] = float(celulas[1])
    esperados = {p.relative_to(RAIZ).with_suffix("").as_posix() for p in CAPITULOS + SOLUCOES}
    assert set(tempos) == esperados, sorted(set(tempos) ^ esperados)
    assert all(0 < t < 120 for t in tempos.values()), tempos
