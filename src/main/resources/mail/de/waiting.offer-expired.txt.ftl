<#-- waiting.offer-expired (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Platzangebot abgelaufen: ${(course.name)!""}</#assign>
<@t.hello/>

im Kurs <@t.coursePhrase c=course!{}/> war ein Platz für Sie reserviert. Das Angebot wurde nicht rechtzeitig<#if offerExpires??> (bis ${offerExpires})</#if> angenommen. Der Platz geht deshalb an die nächste Person auf der Warteliste, und Ihre Anmeldung für diesen Kurs ist beendet.

Möchten Sie doch teilnehmen, können Sie sich erneut anmelden, solange die Anmeldung für den Kurs geöffnet ist.

<@t.statusLink/>

<@t.footer/>
