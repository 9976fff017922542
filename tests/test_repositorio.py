"""Regras do repositório: notebooks sem saídas, lint limpo, dependências fixadas."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import CAPITULOS, EXERCICIOS, RAIZ, SOLUCOES, ids

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
