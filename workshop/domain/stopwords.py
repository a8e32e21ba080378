"""Words too common to mean anything in a word cloud, in Danish and English."""

DANISH = frozenset(
    """
    af alle alt anden andet andre at bare blev blive bliver da de dem den denne der deres
    det dette dig din dine disse du efter eller en end er et for fra få gør ham han hans har
    havde have hende hendes her hos hun hvad hvem hvis hvor hvordan hvorfor i ikke ind jeg
    jer jo kan kun kunne lidt man mange med meget men mig min mine mit må ned noget nogle nu
    når og også om op os over på sig sin sine sit skal skulle som så sådan thi til ud under
    var vi vil ville vor vores være været
    """.split()
)

ENGLISH = frozenset(
    """
    a about after all also am an and any are as at be because been but by can could did do
    does for from had has have he her him his how i if in into is it its just me more my no
    not of on or our out she so some than that the their them then there these they this to
    too up us very was we were what when where which who why will with would you your
    """.split()
)

STOP_WORDS = DANISH | ENGLISH
