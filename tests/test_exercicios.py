"""Os exercícios em branco falham nas verificações, com mensagem em português, e são gerados."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from conftest import (
    EXERCICIOS,
    SOLUCOES,
    checar_gerador,
    erros,
    etiquetas,
    executar,
    executar_notebook,
    ids,
    texto_saida,
)

NIVEIS = {"Iniciante": 2, "Intermediário": 2, "Avançado": 1}
ESBOCO = "# SEU CÓDIGO AQUI"


def test_exercicios_sao_gerados_das_solucoes() -> None:
    """exercises/ é exatamente o que `make exercises` gera de solutions/."""
    checar_gerador("gerar_exercicios.py")


def test_cada_solucao_tem_seu_exercicio() -> None:
    """Os nomes de solutions/ e exercises/ coincidem e há ao menos dois capítulos."""
    assert [p.name for p in SOLUCOES] == [p.name for p in EXERCICIOS]
    assert len(SOLUCOES) >= 2


@pytest.mark.parametrize("caminho", EXERCICIOS, ids=ids(EXERCICIOS))
def test_estrutura_dos_exercicios(caminho: Path) -> None:
    """Níveis com exercícios suficientes; cada esboço é seguido da sua verificação."""
    nb = nbformat.read(caminho, as_version=4)
    contagem = dict.fromkeys(NIVEIS, 0)
    nivel = None
    for celula in nb.cells:
        if celula.cell_type != "markdown":
            continue
        for linha in celula.source.splitlines():
            if m := re.match(r"^## (.+?)\s*$", linha):
                nivel = m.group(1) if m.group(1) in NIVEIS else None
            elif linha.startswith("### Exercício") and nivel:
                contagem[nivel] += 1
    for nome, minimo in NIVEIS.items():
        assert contagem[nome] >= minimo, f"nível {nome}: {contagem[nome]} exercício(s)"
    celulas = nb.cells
    esbocos = [i for i, c in enumerate(celulas) if c.cell_type == "code" and ESBOCO in c.source]
    assert len(esbocos) >= sum(NIVEIS.values())
    for i in esbocos:
        assert "raise NotImplementedError" in celulas[i].source
        seguinte = celulas[i + 1] if i + 1 < len(celulas) else None
        assert seguinte is not None and "verificacao" in etiquetas(seguinte), (
            f"o esboço da célula {i} não é seguido de uma célula de verificação"
        )
    assert "### INÍCIO DA SOLUÇÃO" not in "".join(c.source for c in celulas)


@pytest.mark.parametrize("caminho", EXERCICIOS, ids=ids(EXERCICIOS))
def test_verificacoes_falham_no_exercicio_em_branco(caminho: Path) -> None:
    """Executado como a pessoa o recebe, cada verificação imprime `✗ ...`, sem traceback."""
    nb, _ = executar(caminho, permitir_erros=True)
    verificacoes = [c for c in nb.cells if "verificacao" in etiquetas(c)]
    assert len(verificacoes) >= sum(NIVEIS.values())
    for celula in verificacoes:
        saida = texto_saida(celula).strip()
        assert not erros(celula), f"a verificação gerou um traceback: {erros(celula)}"
        assert saida.startswith("✗ "), f"verificação passou (ou calou) no esboço:\n{saida!r}"
        assert "✓" not in saida


ERRADA = "resposta-errada"
BLOCO_PYTHON = re.compile(r"```python\n(.*?)```", re.DOTALL)


def _com_respostas_erradas(
    nb: nbformat.NotebookNode,
) -> tuple[nbformat.NotebookNode, list[int]]:
    """Depois de cada resposta errada: o código dela, a verificação de novo e a solução de volta.

    Devolve também quantas respostas erradas cada verificação tem.
    """
    celulas: list[nbformat.NotebookNode] = []
    solucao = verificacao = None
    por_verificacao: list[int] = []
    for i, celula in enumerate(nb.cells):
        celulas.append(celula)
        if "verificacao" in etiquetas(celula):
            solucao, verificacao = nb.cells[i - 1], celula
            por_verificacao.append(0)
        elif ERRADA in etiquetas(celula):
            blocos = BLOCO_PYTHON.findall(celula.source)
            assert len(blocos) == 1 and verificacao is not None, (
                f"célula {i}: uma resposta errada tem um bloco ```python e vem depois de uma "
                "verificação"
            )
            por_verificacao[-1] += 1
            novas = [(blocos[0], "errada-codigo"), (verificacao.source, "errada-verificacao"),
                     (solucao.source, "errada-restaura")]
            for fonte, etiqueta in novas:
                celulas.append(nbformat.v4.new_code_cell(fonte, metadata={"tags": [etiqueta]}))
    copia = nbformat.v4.new_notebook(metadata=nb.metadata)
    copia.cells = celulas
    return copia, por_verificacao


@pytest.mark.parametrize("caminho", SOLUCOES, ids=ids(SOLUCOES))
def test_verificacoes_rejeitam_as_respostas_erradas(caminho: Path) -> None:
    """Cada resposta errada registrada roda sem erro e a verificação a rejeita com `✗ ...`."""
    original = nbformat.read(caminho, as_version=4)
    nb, por_verificacao = _com_respostas_erradas(original)
    assert por_verificacao and min(por_verificacao) >= 2, (
        f"registre ao menos duas respostas erradas por exercício (há {por_verificacao})"
    )
    executado, _ = executar_notebook(nb, caminho.parent, permitir_erros=True)
    for celula in executado.cells:
        tags = etiquetas(celula)
        if "errada-codigo" in tags or "errada-restaura" in tags:
            assert not erros(celula), f"o código da resposta errada falhou: {erros(celula)}"
        elif "errada-verificacao" in tags:
            saida = texto_saida(celula).strip()
            assert not erros(celula), f"a verificação gerou um traceback: {erros(celula)}"
            assert saida.startswith("✗ ") and "✓" not in saida, (
                f"a verificação aceitou uma resposta errada:\n{celula.source[:300]}\n→ {saida}"
            )
