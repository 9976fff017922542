# Ferramentas das células de verificação. Esta célula é copiada de scripts/verificacao.py
# por `make exercises`: não a edite no notebook. Usa apenas NumPy.
import numpy as np  # noqa: F811 (a célula funciona sozinha)


class ErroVerificacao(Exception):
    """Resposta incorreta, com uma mensagem em português para quem estuda."""


def conferir(condicao, mensagem):
    """Falha com `mensagem` se `condicao` for falsa."""
    if not condicao:
        raise ErroVerificacao(mensagem)


def conferir_valores(obtido, esperado, contexto, rtol=1e-5, atol=1e-8):
    """Compara números ou arrays: tipo, forma, NaN e valores, dizendo onde diferem."""
    if obtido is None:
        raise ErroVerificacao(f"{contexto}: a função devolveu None (faltou um `return`?).")
    try:
        obtido = np.asarray(obtido, dtype=float)
    except (TypeError, ValueError):
        tipo = type(obtido).__name__
        raise ErroVerificacao(f"{contexto}: esperava números, recebi {tipo}.") from None
    esperado = np.asarray(esperado, dtype=float)
    if obtido.shape != esperado.shape:
        raise ErroVerificacao(
            f"{contexto}: forma errada: esperada {esperado.shape}, obtida {obtido.shape}."
        )
    if np.isnan(obtido).any() and not np.isnan(esperado).any():
        raise ErroVerificacao(f"{contexto}: o resultado contém NaN.")
    if not np.allclose(obtido, esperado, rtol=rtol, atol=atol):
        diferenca = np.array(np.abs(obtido - esperado))
        diferenca[np.isnan(diferenca)] = np.inf
        pos = np.unravel_index(np.argmax(diferenca), esperado.shape)
        onde = f" na posição {tuple(int(i) for i in pos)}" if esperado.ndim else ""
        certo, dado = float(esperado[pos]), float(obtido[pos])
        if certo != 0 and np.isfinite(dado):
            distancia = f"erro relativo {abs(dado - certo) / abs(certo):.1e}"
        else:
            distancia = f"diferença {abs(dado - certo):.1e}"
        raise ErroVerificacao(
            f"{contexto}: valor errado{onde}: esperado {certo:.10g}, obtido {dado:.10g} "
            f"({distancia}; a tolerância relativa é {rtol:g})."
        )


def verificar(teste):
    """Executa `teste()` e imprime `✓ correto` ou o que está errado, sem traceback."""
    try:
        teste()
    except NotImplementedError:
        print("✗ ainda não implementado: substitua `raise NotImplementedError` pelo seu código.")
    except ErroVerificacao as erro:
        print(f"✗ {erro}")
    except Exception as erro:  # o código de quem estuda pode falhar de qualquer jeito
        print(f"✗ seu código gerou um erro ao ser testado: {type(erro).__name__}: {erro}")
    else:
        print("✓ correto")
