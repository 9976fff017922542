"""Regras do repositório: notebooks sem saídas, lint limpo, dependências fixadas."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import CAPITULOS, EXERCICIOS, RAIZ, SOLUCOES, checar_gerador, etiquetas, ids
from gerar_colab import AVISO_EXECUCAO

NOTEBOOKS = CAPITULOS + EXERCICIOS + SOLUCOES


@pytest.mark.parametrize("caminho", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_notebook_salvo_sem_saidas(caminho: Path) -> None:
    """Nenhum notebook guardado tem saídas ou contadores de execução."""
    nb = nbformat.read(caminho, as_version=4)
    nbformat.validate(nb)
    for i, celula in enumerate(nb.cells):
        if celula.cell_type == "code":
            assert celula.outputs == [], f"célula {i} tem saídas (rode `make limpar`)"
            assert celula.execution_count is None, f"célula {i} tem contador de execução"


def test_ruff_sem_avisos() -> None:
    """Código, testes e notebooks passam no ruff."""
    resultado = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", str(RAIZ)],
        capture_output=True,
        text=True,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr


def test_dependencias_fixadas() -> None:
    """Toda dependência direta em requirements.txt é fixada com ==."""
    linhas = (RAIZ / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pacotes = [linha.strip() for linha in linhas if linha.strip() and not linha.startswith("#")]
    assert pacotes
    soltas = [p for p in pacotes if "==" not in p]
    assert not soltas, f"sem versão fixa: {soltas}"
    nomes = {p.split("==")[0].lower() for p in pacotes}
    assert {"numpy", "torch", "tensorflow", "keras", "jupyter-book", "ipywidgets"} <= nomes


# Palavras comuns do curso escritas sem acento (em nomes de código elas são corretas).
SEM_ACENTO = re.compile(
    r"\b(funcao|funcoes|neuronio|neuronios|retropropagacao|ativacao|ativacoes|otimizacao|"
    r"inicializacao|normalizacao|regularizacao|solucao|solucoes|exercicio|exercicios|capitulo|"
    r"capitulos|numero|numeros|calculo|parametro|parametros|epoca|epocas|previsao|previsoes|"
    r"tambem|entao|voce|possivel|nao|sao|ate|codigo|dimensao|derivacao|validacao)\b",
    re.IGNORECASE,
)


def _prosa(caminho: Path) -> list[str]:
    """Texto corrido de um notebook ou página: markdown e comentários, sem código nem links."""
    if caminho.suffix == ".md":
        trechos = [caminho.read_text(encoding="utf-8")]
    else:
        nb = nbformat.read(caminho, as_version=4)
        trechos = [c.source for c in nb.cells if c.cell_type == "markdown"]
        trechos += [
            linha.split("#", 1)[1]
            for c in nb.cells
            if c.cell_type == "code"
            for linha in c.source.splitlines()
            if "#" in linha
        ]
    limpos = []
    for trecho in trechos:
        trecho = re.sub(r"```.*?```", "", trecho, flags=re.DOTALL)
        trecho = re.sub(r"`[^`]*`", "", trecho)
        trecho = re.sub(r"\]\([^)]*\)", "]", trecho)
        limpos.append(re.sub(r"\$[^$]*\$", "", trecho))
    return limpos


PAGINAS = NOTEBOOKS + sorted(RAIZ.glob("*.md"))


@pytest.mark.parametrize("caminho", PAGINAS, ids=[p.name for p in PAGINAS])
def test_prosa_com_acentos(caminho: Path) -> None:
    """A prosa e os comentários não trazem palavras comuns sem acento (funcao, neuronio...)."""
    achadas = sorted({m.group(0) for t in _prosa(caminho) for m in SEM_ACENTO.finditer(t)})
    assert not achadas, f"palavras sem acento em {caminho.name}: {achadas}"


@pytest.mark.parametrize("caminho", CAPITULOS, ids=ids(CAPITULOS))
def test_capitulo_aponta_para_exercicios_e_solucoes(caminho: Path) -> None:
    """Cada capítulo tem links para o seu notebook de exercícios e o de soluções."""
    celulas = nbformat.read(caminho, as_version=4).cells
    texto = "".join(c.source for c in celulas if c.cell_type == "markdown")
    for pasta in ("exercises", "solutions"):
        alvo = f"/blob/main/{pasta}/{caminho.name})"
        assert alvo in texto, f"{caminho.name} sem link para {pasta}/"


AVISO_WIDGET = (
    "> **Os controles só respondem com o notebook em execução**: no Colab (o botão de foguete,\n"
    "> no alto da página) ou no Jupyter. No site, a figura acima mostra o resultado com os\n"
    "> valores padrão."
)


@pytest.mark.parametrize("caminho", CAPITULOS, ids=ids(CAPITULOS))
def test_widget_tem_figura_estatica_e_aviso(caminho: Path) -> None:
    """Antes de cada widget: a mesma função chamada com valores padrão e o aviso sobre o site."""
    celulas = nbformat.read(caminho, as_version=4).cells
    widgets = [
        (i, m.group(1))
        for i, c in enumerate(celulas)
        if c.cell_type == "code" and (m := re.search(r"widgets\.interactive\(\s*(\w+)", c.source))
    ]
    assert widgets, f"{caminho.name} não tem widget"
    for i, funcao in widgets:
        assert celulas[i - 1].cell_type == "markdown" and celulas[i - 1].source == AVISO_WIDGET, (
            f"{caminho.name}: antes do widget de {funcao}, o aviso padrão sobre o site"
        )
        anterior = celulas[i - 2].source
        assert re.search(rf"^{funcao}\(", anterior, re.MULTILINE), (
            f"a célula antes do widget não desenha a figura estática com {funcao}()"
        )


def test_notebooks_prontos_para_o_colab() -> None:
    """Links entre notebooks absolutos (Colab ou site publicado) e o aviso de execução no topo."""
    checar_gerador("gerar_colab.py")


@pytest.mark.parametrize("caminho", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_primeira_celula_diz_como_rodar(caminho: Path) -> None:
    """A primeira célula diz, numa linha, o que rodar primeiro e que basta uma CPU."""
    primeira = nbformat.read(caminho, as_version=4).cells[0]
    assert primeira.cell_type == "markdown" and primeira.source.startswith("# ")
    linhas = primeira.source.split("\n")
    assert linhas[2] == AVISO_EXECUCAO, f"{caminho.name}: a terceira linha deveria ser o aviso"


@pytest.mark.parametrize("caminho", EXERCICIOS + SOLUCOES, ids=ids(EXERCICIOS + SOLUCOES))
def test_verificacoes_recolhidas(caminho: Path) -> None:
    """Células de verificação e auxiliar recolhidas no site e no Colab; nenhuma relativa."""
    for celula in nbformat.read(caminho, as_version=4).cells:
        if {"verificacao", "auxiliar-verificacao"} & set(etiquetas(celula)):
            assert celula.source.startswith("#@title "), celula.source[:80]
            assert celula.metadata.get("cellView") == "form"
            assert "hide-input" in etiquetas(celula)
        if celula.cell_type == "markdown":
            relativos = re.findall(r"\]\((?![a-z]+:)[^)\s]*\.(?:ipynb|md)\b", celula.source)
            assert not relativos, f"{caminho.name}: links relativos não abrem no Colab: {relativos}"
