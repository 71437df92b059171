<#-- signup.manual (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Anmeldung eingegangen: ${(course.name)!""}</#assign>
<@t.hello/>

Wir haben Ihre Anmeldung für den Kurs <@t.coursePhrase c=course!{}/> erhalten. Die Plätze in diesem Kurs vergibt das Kursteam selbst; Ihre Anmeldung steht auf seiner Liste. Sie bekommen Nachricht, sobald über Ihren Platz entschieden ist.

<@t.courseFacts/>

<@t.feeLine/>

<@t.statusLink/>

<@t.footer/>
