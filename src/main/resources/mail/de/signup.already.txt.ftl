<#-- signup.already (de), plain text; also sets the subject. The only way the link reaches someone who signs up again. -->
<#import "/text.ftl" as t>
<#assign subject>Sie sind bereits angemeldet: ${(course.name)!""}</#assign>
<@t.hello/>

für den Kurs <@t.coursePhrase c=course!{}/> ist gerade noch einmal eine Anmeldung mit Ihrer E-Mail-Adresse eingegangen, von Ihnen oder von jemandem, der Ihre Adresse angegeben hat. Sie sind für diesen Kurs bereits angemeldet; an Ihrer bestehenden Anmeldung hat sich dadurch nichts geändert.

<@t.stateLine/>

<#if statusUrl??>Hier ist noch einmal der Link zu Ihrer Anmeldung. Über ihn sehen Sie Ihren Stand und können sich abmelden:
${statusUrl}</#if>

Haben Sie sich nicht selbst erneut angemeldet, brauchen Sie nichts zu tun. Geben Sie den Link bitte nicht weiter: Wer ihn kennt, kann Ihre Anmeldung abmelden.

<@t.footer/>
