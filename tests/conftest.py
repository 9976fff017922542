"""Ferramentas comuns dos testes: caminhos do curso e execução de notebooks com nbclient."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "scripts"))
from execucao import executar_notebook, guardar_executado  # noqa: E402

CAPITULOS = sorted((RAIZ / "chapters").glob("*.ipynb"))
EXERCICIOS = sorted((RAIZ / "exercises").glob("*.ipynb"))
SOLUCOES = sorted((RAIZ / "solutions").glob("*.ipynb"))


def ids(caminhos: list[Path]) -> list[str]:
    """Nomes curtos para os testes parametrizados (ex.: 'chapters/01-regra-da-cadeia')."""
    return [f"{p.parent.name}/{p.stem}" for p in caminhos]


def etiquetas(celula: nbformat.NotebookNode) -> list[str]:
    """Etiquetas (tags) de uma célula."""
    return list(celula.get("metadata", {}).get("tags", []))


def texto_saida(celula: nbformat.NotebookNode) -> str:
    """Texto impresso por uma célula de código (stdout e text/plain)."""
    partes = []
    for saida in celula.get("outputs", []):
        if saida.get("output_type") == "stream" and saida.get("name") == "stdout":
            partes.append(saida.get("text", ""))
        elif saida.get("output_type") in ("execute_result", "display_data"):
            partes.append(saida.get("data", {}).get("text/plain", ""))
    return "".join(partes)


def erros(celula: nbformat.NotebookNode) -> list[str]:
    """Erros (exceções não tratadas) de uma célula executada."""
    return [
        f"{s.get('ename')}: {s.get('evalue')}"
        for s in celula.get("outputs", [])
        if s.get("output_type") == "error"
    ]


def executar(
    caminho: Path, permitir_erros: bool = False, celulas_extras: list[str] | None = None
) -> tuple[nbformat.NotebookNode, float]:
    """Executa o notebook de cima a baixo, no diretório dele; devolve o notebook e os segundos.

    Sem erros permitidos, guarda também a cópia executada (sem as células extras), que o build
    do livro usa em vez de executar o notebook de novo.
    """
    nb = nbformat.read(caminho, as_version=4)
    n_celulas = len(nb.cells)
    for codigo in celulas_extras or []:
        nb.cells.append(nbformat.v4.new_code_cell(codigo))
    nb, segundos = executar_notebook(nb, caminho.parent, permitir_erros)
    if not permitir_erros:
        copia = nbformat.from_dict(nb)
        copia.cells = copia.cells[:n_celulas]
        guardar_executado(caminho, copia)
    return nb, segundos


def checar_gerador(script: str) -> None:
    """Roda `scripts/<script> --checar` e falha com a saída dele se algo estiver desatualizado."""
    resultado = subprocess.run(
        [sys.executable, str(RAIZ / "scripts" / script), "--checar"],
        capture_output=True,
        text=True,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr


@pytest.fixture(scope="session")
def livro() -> subprocess.CompletedProcess:
    """Constrói o livro em modo estrito (-W -n) das cópias executadas, uma vez por sessão.

    Os notebooks sem cópia em dia (porque os testes deles não rodaram antes) são executados.
    """
    from construir_livro import executar_e_construir

    return executar_e_construir(estrito=True)


@pytest.fixture(scope="session")
def raiz() -> Path:
    """Raiz do repositório."""
    return RAIZ
