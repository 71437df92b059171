<#-- signup.pool (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Anmeldung zum Losverfahren: ${(course.name)!""}</#assign>
<@t.hello/>

Wir haben Ihre Anmeldung für den Kurs <@t.coursePhrase c=course!{}/> erhalten. Sie nimmt am Losverfahren teil: Die <#if (course.seats)??>${course.seats} </#if>Plätze werden <#if drawAtText??>am ${drawAtText} </#if>nach dem Ende der Anmeldephase unter allen Anmeldungen verlost. Das Ergebnis erfahren Sie per E-Mail.

<@t.courseFacts/>

<@t.feeLine/>

<@t.statusLink/>

<@t.footer/>
