"""Executa capítulos e soluções de cima a baixo e aciona os widgets sem navegador."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CAPITULOS, SOLUCOES, etiquetas, executar, ids, texto_saida

TEMPO_MAXIMO_NOTEBOOK = 120  # segundos; o alvo é bem menos de um minuto

# Célula acrescentada ao fim do notebook: muda cada controle de cada `interactive` e confere
# que a figura desenhada muda. `plt.show` é trocado por uma captura do PNG da figura.
ACIONAR_WIDGETS = '''
import gc as _gc
import hashlib as _hashlib
import io as _io

import ipywidgets as _widgets
import matplotlib.pyplot as _plt

_capturas = []


def _capturar(*args, **kwargs):
    buffer = _io.BytesIO()
    _plt.gcf().savefig(buffer, format="png")
    _capturas.append(_hashlib.sha1(buffer.getvalue()).hexdigest())
    _plt.close("all")


_plt.show = _capturar
_paineis = [o for o in _gc.get_objects() if isinstance(o, _widgets.interactive)]
_relatorio = []
for _painel in _paineis:
    _painel.update()
    assert _capturas, f"o widget de {_painel.f.__name__} não desenhou nada"
    for _controle in _painel.kwargs_widgets:
        _antes = len(_capturas)
        _anterior = _capturas[-1]
        if isinstance(_controle, _widgets.Checkbox):
            _controle.value = not _controle.value
        elif hasattr(_controle, "options"):
            _controle.index = (_controle.index + 1) % len(_controle.options)
        elif _controle.value != _controle.max:
            _controle.value = _controle.max
        else:
            _controle.value = _controle.min
        assert len(_capturas) > _antes, (
            f"{_painel.f.__name__}: mudar {_controle.description!r} não redesenhou a figura"
        )
        assert _capturas[-1] != _anterior, (
            f"{_painel.f.__name__}: mudar {_controle.description!r} não mudou a figura"
        )
        _relatorio.append(f"{_painel.f.__name__}:{_controle.description}")
print("WIDGETS", len(_paineis), _relatorio)
'''


def _resultado_widgets(nb) -> str:
    return texto_saida(nb.cells[-1])


@pytest.mark.parametrize("caminho", CAPITULOS, ids=ids(CAPITULOS))
def test_capitulo_executa_e_widgets_respondem(caminho: Path) -> None:
    """O capítulo roda sem erro, em tempo razoável, e cada widget redesenha ao mudar."""
    nb, segundos = executar(caminho, celulas_extras=[ACIONAR_WIDGETS])
    print(f"{caminho.name}: {segundos:.1f} s")
    assert segundos < TEMPO_MAXIMO_NOTEBOOK, f"{caminho.name} levou {segundos:.0f} s"
    saida = _resultado_widgets(nb)
    assert saida.startswith("WIDGETS"), saida
    n_paineis = int(saida.split()[1])
    assert n_paineis >= 1, f"{caminho.name} não tem nenhum widget interactive"


@pytest.mark.parametrize("caminho", SOLUCOES, ids=ids(SOLUCOES))
def test_solucoes_passam_em_todas_as_verificacoes(caminho: Path) -> None:
    """Nas soluções, toda célula de verificação imprime exatamente `✓ correto`."""
    nb, segundos = executar(caminho, celulas_extras=[ACIONAR_WIDGETS])
    print(f"{caminho.name}: {segundos:.1f} s")
    assert segundos < TEMPO_MAXIMO_NOTEBOOK, f"{caminho.name} levou {segundos:.0f} s"
    verificacoes = [c for c in nb.cells if "verificacao" in etiquetas(c)]
    assert len(verificacoes) >= 5, "esperava ao menos 5 exercícios com verificação"
    for celula in verificacoes:
        saida = texto_saida(celula).strip()
        assert saida == "✓ correto", f"verificação falhou na solução:\n{celula.source}\n→ {saida}"
