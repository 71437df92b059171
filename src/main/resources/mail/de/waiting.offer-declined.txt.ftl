<#-- waiting.offer-declined (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Platzangebot abgelehnt: ${(course.name)!""}</#assign>
<@t.hello/>

Sie haben den Platz abgelehnt, der im Kurs <@t.coursePhrase c=course!{}/> für Sie reserviert war. Er geht an die nächste Person auf der Warteliste, und Ihre Anmeldung für diesen Kurs ist beendet.

Falls Sie nicht selbst abgelehnt haben, hat jemand Ihren Statuslink benutzt; Ihren Platz können wir dann leider nicht zurückholen, aber Sie können sich erneut anmelden, solange die Anmeldung für den Kurs geöffnet ist.

<@t.statusLink/>

<@t.footer/>
