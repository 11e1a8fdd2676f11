"""Words that site furniture is made of, in the languages storydiff reads.

These are the generic words of web page chrome (share buttons, comment forms, cookie
banners, newsletter boxes, navigation) in en/de/fr/es/it/nl/pt — not strings taken from any
particular page. A line made mostly of these words is page furniture, not journalism.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Words that on their own, in a short line, mark interface text.
UI_WORDS = _words(
    """
    share shares shared tweet tweets print email e-mail mail whatsapp facebook twitter
    linkedin telegram pinterest reddit copy link links comment comments reply replies
    subscribe unsubscribe newsletter login log sign signin signup register account menu
    search home next previous prev back top skip content navigation toggle close open
    advertisement advert ads ad sponsored cookie cookies accept consent privacy policy
    settings exit mobile version desktop view read more continue related articles article
    tags tag topics topic follow like likes captcha required field fields name website
    submit send post posted cancel leave load loading video videos photo photos gallery
    listen audio minute minutes min save saved bookmark notifications teilen drucken
    kommentar kommentare kommentieren antworten abonnieren anmelden abmelden registrieren
    suche startseite weiter zurück nach oben werbung anzeige einstellungen akzeptieren
    datenschutz mehr lesen weiterlesen artikel verwandte themen folgen speichern schließen
    menü lesezeit hinterlasse hinterlassen pflichtfelder mobile-version partager imprimer
    commentaire commentaires commenter répondre abonner abonnez inscrire inscrivez
    connexion connecter déconnexion recherche accueil suivant précédent retour haut
    publicité paramètres accepter refuser confidentialité lire suite articles associés
    sujets suivre enregistrer fermer laisser quitter envoyer obligatoires champs compartir
    imprimir comentario comentarios comentar responder suscribir suscríbete iniciar sesión
    buscar inicio siguiente anterior volver arriba publicidad configuración aceptar
    privacidad leer más relacionados seguir guardar cerrar deja dejar enviar condividi
    condividere stampa commento commenti commenta rispondi iscriviti accedi cerca
    successivo precedente torna pubblicità impostazioni accetta leggi altro correlati segui
    salva chiudi lascia invia delen afdrukken reactie reacties reageren beantwoorden
    abonneren inloggen zoeken volgende vorige terug boven advertentie instellingen
    accepteren lees meer gerelateerd volgen opslaan sluiten plaats verzenden partilhar
    compartilhar imprimir comentário comentários assinar entrar pesquisar próximo voltar
    topo publicidade definições aceitar ler mais relacionados seguir guardar fechar deixe
    enviar
    """
)

# Words that mark furniture even inside a longer line (cookie banners, newsletter boxes).
STRONG_UI_WORDS = _words(
    """
    cookie cookies newsletter captcha javascript browser unsubscribe paywall abonnieren
    anmelden datenschutzerklärung nutzungsbedingungen abonnez-vous inscrivez-vous
    désabonner confidentialité suscríbete suscribirse iscriviti abonneren assine
    """
)

# Function words that do not count against a line being "mostly interface words".
STOP_WORDS = _words(
    """
    a an the to of on in for and or your you our we us this it is be by with at from as der
    die das den dem des ein eine einen einem zu zum zur und oder ihr ihre sie wir uns auf
    in im für mit von vom an am ist sein le la les l un une des de du d à au aux et ou
    votre vos nous ce cet cette sur pour par avec en est el la los las un una de del al y o
    su sus nosotros en con por para es il lo gli i uno una di del della e o suo nostro su
    con per è de het een en of uw ons op in voor met van is o a os as um uma de do da e ou
    seu sua nós em com por para é
    """
)
