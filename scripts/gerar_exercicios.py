"""Gera exercises/*.ipynb a partir de solutions/*.ipynb (a única fonte dos exercícios).

Em cada notebook de soluções, o código entre `### INÍCIO DA SOLUÇÃO` e `### FIM DA SOLUÇÃO`
vira o esboço `# SEU CÓDIGO AQUI` + `raise NotImplementedError`; células com a etiqueta
`remover-no-exercicio` ou `resposta-errada` são retiradas; o título troca "Soluções" por
"Exercícios"; a célula com a etiqueta `auxiliar-verificacao` recebe o conteúdo de
scripts/verificacao.py. As células de verificação e a auxiliar ficam recolhidas, no site
(`hide-input`) e no Colab (`#@title` na primeira linha e `cellView: form`): quem estuda vê o
resultado da verificação, e o código dela (com a resposta de referência) fica a um clique.

Uso: `python scripts/gerar_exercicios.py` escreve; com `--checar` só compara e falha se
algo estiver desatualizado.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat
from geracao import RAIZ, escrever_ou_checar, etiquetas

INICIO = "### INÍCIO DA SOLUÇÃO"
FIM = "### FIM DA SOLUÇÃO"
ESBOCO = ["# SEU CÓDIGO AQUI", "raise NotImplementedError"]
ETIQUETA_AUXILIAR = "auxiliar-verificacao"
ETIQUETA_REMOVER = "remover-no-exercicio"
ETIQUETA_ERRADA = "resposta-errada"  # respostas erradas típicas, que os testes rodam
ETIQUETA_VERIFICACAO = "verificacao"
TITULOS = {ETIQUETA_VERIFICACAO: "#@title Verificação (clique para ver o código)",
           ETIQUETA_AUXILIAR: "#@title Ferramentas de verificação (clique para ver)"}
TITULO = re.compile(r"^# Soluções", re.MULTILINE)


def trocar_solucoes(fonte: str) -> str:
    """Troca cada região de solução pelo esboço, com a indentação do marcador."""
    saida: list[str] = []
    dentro = False
    for linha in fonte.split("\n"):
        marcador = linha.strip()
        if marcador == INICIO:
            if dentro:
                raise ValueError("marcador de início repetido sem fim")
            dentro = True
            recuo = linha[: len(linha) - len(linha.lstrip())]
            saida.extend(recuo + parte for parte in ESBOCO)
        elif marcador == FIM:
            if not dentro:
                raise ValueError("marcador de fim sem início")
            dentro = False
        elif not dentro:
            saida.append(linha)
    if dentro:
        raise ValueError("região de solução sem marcador de fim")
    return "\n".join(saida)


def sincronizar_auxiliar(nb: nbformat.NotebookNode, auxiliar: str) -> None:
    """Copia o código de verificação para a célula etiquetada `auxiliar-verificacao`."""
    celulas = [c for c in nb.cells if ETIQUETA_AUXILIAR in etiquetas(c)]
    if len(celulas) != 1:
        raise ValueError(f"esperava 1 célula '{ETIQUETA_AUXILIAR}', achei {len(celulas)}")
    celulas[0].source = auxiliar


def recolher(nb: nbformat.NotebookNode) -> None:
    """Recolhe as células de verificação e a auxiliar no site e no Colab."""
    for celula in nb.cells:
        for etiqueta, titulo in TITULOS.items():
            if etiqueta not in etiquetas(celula):
                continue
            if not celula.source.startswith("#@title"):
                celula.source = f"{titulo}\n{celula.source}"
            celula.metadata["cellView"] = "form"
            if "hide-input" not in etiquetas(celula):
                celula.metadata["tags"] = [*etiquetas(celula), "hide-input"]


METADADOS = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def limpar(nb: nbformat.NotebookNode) -> None:
    """Remove saídas e contadores de execução e padroniza os metadados do notebook."""
    nb.metadata = nbformat.from_dict(METADADOS)
    for celula in nb.cells:
        if celula.cell_type == "code":
            celula.outputs = []
            celula.execution_count = None


def gerar_exercicio(solucao: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Devolve o notebook de exercícios feito a partir do de soluções."""
    nb = copy.deepcopy(solucao)
    nb.cells = [
        c for c in nb.cells
        if ETIQUETA_REMOVER not in etiquetas(c) and ETIQUETA_ERRADA not in etiquetas(c)
    ]
    for celula in nb.cells:
        if celula.cell_type == "code":
            celula.source = trocar_solucoes(celula.source)
        elif celula.cell_type == "markdown":
            celula.source = TITULO.sub("# Exercícios", celula.source, count=1)
    limpar(nb)
    return nb


def alvos() -> dict[Path, str]:
    """Mapa caminho -> conteúdo esperado de cada notebook de soluções e de exercícios."""
    auxiliar = (RAIZ / "scripts" / "verificacao.py").read_text(encoding="utf-8").rstrip("\n")
    esperado: dict[Path, str] = {}
    for caminho in sorted((RAIZ / "solutions").glob("*.ipynb")):
        solucao = nbformat.read(caminho, as_version=4)
        sincronizar_auxiliar(solucao, auxiliar)
        recolher(solucao)
        limpar(solucao)
        esperado[caminho] = nbformat.writes(solucao) + "\n"
        exercicio = gerar_exercicio(solucao)
        esperado[RAIZ / "exercises" / caminho.name] = nbformat.writes(exercicio) + "\n"
    return esperado


def main() -> int:
    """Escreve (ou, com --checar, compara) os notebooks gerados."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checar", action="store_true", help="só compara; não escreve")
    args = parser.parse_args()
    esperado = alvos()
    velhos = [p for p in (RAIZ / "exercises").glob("*.ipynb") if p not in esperado]
    return escrever_ou_checar(esperado, args.checar, velhos)

if __name__ == "__main__":
    sys.exit(main())
